"""The REST shapes the gateway reads from planning's crisis playbooks and incidents (only the fields it uses)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel


class PlanningTrigger(BaseModel):
    mention_volume_threshold: int
    window_minutes: int
    negative_share_threshold: float
    keywords: list[str]


class PlanningStep(BaseModel):
    title: str
    time_limit_minutes: int
    owner_role: str | None
    owner_user_id: str | None
    instructions: str


class PlanningStatement(BaseModel):
    title: str
    language: str
    text: str


class PlanningContact(BaseModel):
    name: str
    role: str
    email: str | None
    phone: str | None


class PlanningPlaybook(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    name: str
    scenario: str
    custom_scenario: str | None
    severity: str
    trigger: PlanningTrigger
    steps: list[PlanningStep]
    holding_statements: list[PlanningStatement]
    contacts: list[PlanningContact]
    freeze_publishing: bool
    notify_contacts: bool
    archived: bool
    version: int


class PlanningPlaybookPage(BaseModel):
    items: list[PlanningPlaybook]
    next_after: uuid.UUID | None


class PlanningChecklistItem(BaseModel):
    position: int
    title: str
    instructions: str
    owner_role: str | None
    owner_user_id: str | None
    due_at: datetime
    completed_at: datetime | None
    completed_by: str | None


class PlanningTimelineEntry(BaseModel):
    kind: str
    at: datetime
    by: str
    text: str


class PlanningPostMortem(BaseModel):
    summary: str
    went_well: str
    to_improve: str


class PlanningIncident(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    playbook_id: uuid.UUID | None
    status: str
    severity: str
    reason: str
    opened_at: datetime
    opened_by: str
    freeze_publishing: bool
    checklist: list[PlanningChecklistItem]
    timeline: list[PlanningTimelineEntry]
    holding_statements: list[PlanningStatement]
    contacts: list[PlanningContact]
    closed_at: datetime | None
    closed_by: str | None
    post_mortem: PlanningPostMortem | None
    version: int


class PlanningIncidentPage(BaseModel):
    items: list[PlanningIncident]
    next_after: uuid.UUID | None
