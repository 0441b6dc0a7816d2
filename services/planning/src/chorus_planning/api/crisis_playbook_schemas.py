"""REST shapes of crisis playbooks. Domain rules (ranges, formats, owners) are checked by the domain, not here."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, Field

from chorus_planning.domain.crisis_playbook import CrisisPlaybook, PlaybookContent
from chorus_planning.domain.crisis_playbook_rules import (
    EscalationContact,
    HoldingStatement,
    ResponseStep,
    TriggerConditions,
)

_LIST_MAX = 100


class TriggerBody(BaseModel):
    mention_volume_threshold: int = Field(examples=[200])
    window_minutes: int = Field(examples=[60])
    negative_share_threshold: float = Field(examples=[0.6])
    keywords: list[str] = Field(default_factory=list, max_length=_LIST_MAX)

    def to_domain(self) -> TriggerConditions:
        return TriggerConditions(
            self.mention_volume_threshold, self.window_minutes, self.negative_share_threshold, tuple(self.keywords)
        )


class StepBody(BaseModel):
    title: str = Field(max_length=1000)
    time_limit_minutes: int = Field(examples=[30])
    owner_role: str | None = Field(default=None, examples=["community_manager"])
    owner_user_id: str | None = Field(default=None, max_length=200)
    instructions: str = Field(default="", max_length=10000)

    def to_domain(self) -> ResponseStep:
        return ResponseStep(self.title, self.time_limit_minutes, self.owner_role, self.owner_user_id, self.instructions)


class StatementBody(BaseModel):
    title: str = Field(max_length=1000)
    language: str = Field(max_length=35, examples=["fr"])
    text: str = Field(max_length=10000)

    def to_domain(self) -> HoldingStatement:
        return HoldingStatement(self.title, self.language, self.text)


class ContactBody(BaseModel):
    name: str = Field(max_length=1000)
    role: str = Field(max_length=1000)
    email: str | None = Field(default=None, max_length=1000)
    phone: str | None = Field(default=None, max_length=100, examples=["+33 6 12 34 56 78"])

    def to_domain(self) -> EscalationContact:
        return EscalationContact(self.name, self.role, self.email, self.phone)


class CrisisPlaybookCreate(BaseModel):
    name: str = Field(max_length=1000)
    scenario: str = Field(examples=["defective_product"])
    custom_scenario: str | None = Field(default=None, max_length=1000)
    severity: str = Field(examples=["high"])
    trigger: TriggerBody
    steps: list[StepBody] = Field(max_length=_LIST_MAX)
    holding_statements: list[StatementBody] = Field(default_factory=list, max_length=_LIST_MAX)
    contacts: list[ContactBody] = Field(default_factory=list, max_length=_LIST_MAX)
    freeze_publishing: bool = False
    notify_contacts: bool = False

    def to_domain(self) -> PlaybookContent:
        return PlaybookContent(**_content_fields(self, self.model_fields_set | {"steps", "trigger"}))


class CrisisPlaybookUpdate(BaseModel):
    """Every field optional; lists given replace the whole list (steps keep the order given)."""

    name: str | None = Field(default=None, max_length=1000)
    scenario: str | None = None
    custom_scenario: str | None = Field(default=None, max_length=1000)
    severity: str | None = None
    trigger: TriggerBody | None = None
    steps: list[StepBody] | None = Field(default=None, max_length=_LIST_MAX)
    holding_statements: list[StatementBody] | None = Field(default=None, max_length=_LIST_MAX)
    contacts: list[ContactBody] | None = Field(default=None, max_length=_LIST_MAX)
    freeze_publishing: bool | None = None
    notify_contacts: bool | None = None

    def changes(self) -> dict[str, Any]:
        given = {name for name in self.model_fields_set if getattr(self, name) is not None}
        if "custom_scenario" in self.model_fields_set:
            given.add("custom_scenario")  # an explicit null clears it
        return _content_fields(self, given)


def _content_fields(body: BaseModel, names: set[str]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name in names:
        value = getattr(body, name)
        if isinstance(value, list):
            value = tuple(item.to_domain() for item in value)
        elif isinstance(value, TriggerBody):
            value = value.to_domain()
        fields[name] = value
    return fields


class CrisisPlaybookRead(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    name: str
    scenario: str
    custom_scenario: str | None
    severity: str
    trigger: TriggerBody
    steps: list[StepBody]
    holding_statements: list[StatementBody]
    contacts: list[ContactBody]
    freeze_publishing: bool
    notify_contacts: bool
    archived: bool
    version: int

    @classmethod
    def of(cls, playbook: CrisisPlaybook) -> CrisisPlaybookRead:
        content = playbook.content
        return cls(
            id=playbook.id,
            brand_id=playbook.brand_id,
            name=content.name,
            scenario=content.scenario,
            custom_scenario=content.custom_scenario,
            severity=content.severity,
            trigger=TriggerBody(
                mention_volume_threshold=content.trigger.mention_volume_threshold,
                window_minutes=content.trigger.window_minutes,
                negative_share_threshold=content.trigger.negative_share_threshold,
                keywords=list(content.trigger.keywords),
            ),
            steps=[StepBody.model_validate(step, from_attributes=True) for step in content.steps],
            holding_statements=[
                StatementBody.model_validate(s, from_attributes=True) for s in content.holding_statements
            ],
            contacts=[ContactBody.model_validate(c, from_attributes=True) for c in content.contacts],
            freeze_publishing=content.freeze_publishing,
            notify_contacts=content.notify_contacts,
            archived=playbook.archived,
            version=playbook.version,
        )


class CrisisPlaybookPage(BaseModel):
    items: list[CrisisPlaybookRead]
    next_after: uuid.UUID | None
