"""REST shapes of crisis incidents: opening, checklist, timeline, escalation and the closing post-mortem."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import TypeVar

from pydantic import BaseModel, Field

from chorus_planning.domain.crisis_incident import CrisisIncident
from chorus_planning.domain.crisis_incident_parts import PostMortem
from chorus_shared.messaging.contracts.listening import CrisisSeverity

_TEXT = 10000
Model = TypeVar("Model", bound=BaseModel)


def _read(model: type[Model], items: Iterable[object]) -> list[Model]:
    return [model.model_validate(item, from_attributes=True) for item in items]


class CrisisIncidentOpen(BaseModel):
    severity: CrisisSeverity
    reason: str = Field(max_length=_TEXT)
    playbook_id: uuid.UUID | None = Field(default=None, description="Default: the brand's best fitting playbook.")


class StatementUse(BaseModel):
    title: str = Field(max_length=1000)
    language: str = Field(max_length=35)


class NoteBody(BaseModel):
    text: str = Field(max_length=_TEXT)


class EscalationBody(BaseModel):
    reason: str = Field(max_length=_TEXT)
    severity: CrisisSeverity | None = None


class PostMortemBody(BaseModel):
    summary: str = Field(max_length=_TEXT)
    went_well: str = Field(max_length=_TEXT)
    to_improve: str = Field(max_length=_TEXT)


class CloseBody(BaseModel):
    post_mortem: PostMortemBody | None = None

    def to_domain(self) -> PostMortem | None:
        lessons = self.post_mortem
        return PostMortem(lessons.summary, lessons.went_well, lessons.to_improve) if lessons else None


class ChecklistItemRead(BaseModel):
    position: int
    title: str
    instructions: str
    owner_role: str | None
    owner_user_id: str | None
    due_at: datetime
    completed_at: datetime | None
    completed_by: str | None


class TimelineEntryRead(BaseModel):
    kind: str
    at: datetime
    by: str
    text: str


class StatementRead(BaseModel):
    title: str
    language: str
    text: str


class ContactRead(BaseModel):
    name: str
    role: str
    email: str | None
    phone: str | None


class CrisisIncidentRead(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    playbook_id: uuid.UUID | None
    status: str
    severity: CrisisSeverity
    reason: str
    opened_at: datetime
    opened_by: str
    freeze_publishing: bool
    checklist: list[ChecklistItemRead]
    timeline: list[TimelineEntryRead]
    holding_statements: list[StatementRead]
    contacts: list[ContactRead]
    closed_at: datetime | None
    closed_by: str | None
    post_mortem: PostMortemBody | None
    version: int

    @classmethod
    def of(cls, incident: CrisisIncident) -> CrisisIncidentRead:
        return cls(
            id=incident.id,
            brand_id=incident.brand_id,
            playbook_id=incident.playbook_id,
            status="open" if incident.is_open else "closed",
            severity=incident.severity,
            reason=incident.reason,
            opened_at=incident.opened_at,
            opened_by=incident.opened_by,
            freeze_publishing=incident.freeze_publishing,
            checklist=_read(ChecklistItemRead, incident.checklist),
            timeline=_read(TimelineEntryRead, incident.timeline),
            holding_statements=_read(StatementRead, incident.statements),
            contacts=_read(ContactRead, incident.contacts),
            closed_at=incident.closed_at,
            closed_by=incident.closed_by,
            post_mortem=PostMortemBody.model_validate(incident.post_mortem, from_attributes=True)
            if incident.post_mortem
            else None,
            version=incident.version,
        )


class CrisisIncidentPage(BaseModel):
    items: list[CrisisIncidentRead]
    next_after: uuid.UUID | None
