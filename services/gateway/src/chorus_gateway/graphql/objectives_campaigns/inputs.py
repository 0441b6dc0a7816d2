"""Inputs of objective and campaign mutations, and how they become planning's JSON bodies."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

import strawberry

from chorus_gateway.graphql.objectives_campaigns.enums import (
    BudgetActivity,
    KpiDirection,
    KpiFormula,
    KpiMetric,
    ObjectiveKind,
)
from chorus_gateway.graphql.objectives_campaigns.money import minor_units
from chorus_gateway.graphql.planning_calendar.enums import Network
from chorus_gateway.graphql.planning_calendar.paging import parse_id
from chorus_shared.errors import FieldError, ValidationFailed

_DECIMAL = 'Exact decimal as a string, e.g. "0.045".'
_MINOR = 'Integer minor units as a string, e.g. "1000000" for 10,000.00.'


@strawberry.input(description="Metric and formula are required; left out, they come back as field errors.")
class KpiTargetInput:
    metric: KpiMetric | None = None
    formula: KpiFormula | None = None
    target: str | None = strawberry.field(default=None, description=_DECIMAL)
    direction: KpiDirection = KpiDirection.AT_LEAST
    period_start: date | None = strawberry.field(default=None, description="Defaults to the objective's period.")
    period_end: date | None = None


@strawberry.input
class CreateObjectiveInput:
    brand_id: strawberry.ID
    kind: ObjectiveKind
    title: str
    period_start: date
    period_end: date
    kpis: list[KpiTargetInput] = strawberry.field(default_factory=list)


@strawberry.input(description="Fields left out are unchanged.")
class UpdateObjectiveInput:
    id: strawberry.ID
    title: str | None = None
    period_start: date | None = None
    period_end: date | None = None


@strawberry.input(description="Fields left out are unchanged.")
class ChangeKpiTargetInput:
    objective_id: strawberry.ID
    kpi_id: strawberry.ID
    target: str | None = strawberry.field(default=None, description=_DECIMAL)
    period_start: date | None = None
    period_end: date | None = None


@strawberry.input
class BudgetLineInput:
    activity: BudgetActivity
    amount_minor: str = strawberry.field(description=_MINOR)


@strawberry.input(description="The whole budget: total, currency and every line (lines left out are removed).")
class BudgetInput:
    amount_minor: str = strawberry.field(description=_MINOR)
    currency: str = strawberry.field(description="ISO 4217 code, e.g. EUR.")
    lines: list[BudgetLineInput] = strawberry.field(default_factory=list)


@strawberry.input
class CreateCampaignInput:
    brand_id: strawberry.ID
    name: str
    start_date: date
    end_date: date
    budget: BudgetInput
    objective_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    channels: list[Network] = strawberry.field(default_factory=list)


@strawberry.input(description="Fields left out are unchanged; lists given replace the whole list.")
class UpdateCampaignInput:
    id: strawberry.ID
    name: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    objective_ids: list[strawberry.ID] | None = None
    channels: list[Network] | None = None


@strawberry.input
class RecordSpendInput:
    campaign_id: strawberry.ID
    line: BudgetActivity
    amount_minor: str = strawberry.field(description=_MINOR)
    currency: str
    spent_on: date
    note: str = ""


def plain(value: Any) -> Any:
    """JSON for planning: enums by value, dates in ISO, inputs as objects; None kept (callers drop what is unset)."""
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, KpiTargetInput):
        return {k: plain(v) for k, v in vars(value).items() if v is not None}
    return value


def given(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: plain(v) for k, v in fields.items() if v is not None}


def budget_body(budget: BudgetInput, path: str = "budget") -> dict[str, Any]:
    lines: dict[str, int] = {}
    for index, line in enumerate(budget.lines):
        where = f"{path}.lines.{index}"
        if line.activity.value in lines:
            error = FieldError(f"{where}.activity", "Each activity has one line.", "duplicate")
            raise ValidationFailed("Duplicate budget line.", field_errors=[error])
        lines[line.activity.value] = minor_units(line.amount_minor, f"{where}.amountMinor")
    return {
        "budget": minor_units(budget.amount_minor, f"{path}.amountMinor"),
        "currency": budget.currency,
        "lines": lines,
    }


def ids(values: list[strawberry.ID] | None, field: str) -> list[str] | None:
    if values is None:
        return None
    return [str(parse_id(v, f"{field}.{i}")) for i, v in enumerate(values)]
