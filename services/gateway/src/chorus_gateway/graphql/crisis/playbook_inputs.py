"""Inputs of crisis playbook mutations, and how they become planning's JSON bodies."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from chorus_gateway.graphql.crisis.enums import CrisisScenario, CrisisSeverity
from chorus_gateway.graphql.identity.types import Role


@strawberry.input
class CrisisTriggerInput:
    mention_volume_threshold: int
    window_minutes: int
    negative_share_threshold: float = strawberry.field(description="0 to 1.")
    keywords: list[str] = strawberry.field(default_factory=list)


@strawberry.input(description="Give the step an owner: a role or a user id, not both.")
class CrisisStepInput:
    title: str
    time_limit_minutes: int
    owner_role: Role | None = None  # type: ignore[valid-type]
    owner_user_id: str | None = None
    instructions: str = ""


@strawberry.input
class HoldingStatementInput:
    title: str
    language: str
    text: str


@strawberry.input
class EscalationContactInput:
    name: str
    role: str
    email: str | None = None
    phone: str | None = strawberry.field(default=None, description="International format, e.g. +33 6 12 34 56 78.")


@strawberry.input
class CreateCrisisPlaybookInput:
    brand_id: strawberry.ID
    name: str
    scenario: CrisisScenario
    severity: CrisisSeverity
    trigger: CrisisTriggerInput
    steps: list[CrisisStepInput]
    custom_scenario: str | None = strawberry.field(default=None, description="Required when the scenario is CUSTOM.")
    holding_statements: list[HoldingStatementInput] = strawberry.field(default_factory=list)
    contacts: list[EscalationContactInput] = strawberry.field(default_factory=list)
    freeze_publishing: bool = False
    notify_contacts: bool = False


@strawberry.input(
    description="Fields left out are unchanged; lists given replace the whole list; customScenario null clears."
)
class ReviseCrisisPlaybookInput:
    id: strawberry.ID
    name: str | None = strawberry.UNSET
    scenario: CrisisScenario | None = strawberry.UNSET
    custom_scenario: str | None = strawberry.UNSET
    severity: CrisisSeverity | None = strawberry.UNSET
    trigger: CrisisTriggerInput | None = strawberry.UNSET
    steps: list[CrisisStepInput] | None = strawberry.UNSET
    holding_statements: list[HoldingStatementInput] | None = strawberry.UNSET
    contacts: list[EscalationContactInput] | None = strawberry.UNSET
    freeze_publishing: bool | None = strawberry.UNSET
    notify_contacts: bool | None = strawberry.UNSET


_INPUTS = (CrisisTriggerInput, CrisisStepInput, HoldingStatementInput, EscalationContactInput)


def plain(value: Any) -> Any:
    """JSON for planning: enums by value, nested inputs as objects."""
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, _INPUTS):
        return {k: plain(v) for k, v in vars(value).items()}
    return value


def playbook_body(given: object) -> dict[str, Any]:
    skip = {"brand_id", "id"}
    return {k: plain(v) for k, v in vars(given).items() if k not in skip and v is not strawberry.UNSET}
