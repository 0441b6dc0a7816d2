"""Events the planning service publishes about crisis playbooks and crisis incidents, on `chorus.planning`.

Listening keeps the playbooks' trigger conditions from the playbook events; webhooks page people from the
incident events; publishing freezes a brand's queues when an opened incident says `freeze_publishing`.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from pydantic import AwareDatetime, Field

from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.contracts.listening import CrisisSeverity


class CrisisTriggerConditions(EventPayload):
    """When listening should fire: this many mentions within the window, with at least this negative share."""

    mention_volume_threshold: int = Field(ge=1)
    window_minutes: int = Field(ge=1)
    negative_share_threshold: float = Field(ge=0, le=1)
    keywords: list[str] = Field(default_factory=list)


class EscalationContactData(EventPayload):
    name: str
    role: str
    email: str | None = None
    phone: str | None = None


class CrisisPlaybookSnapshot(EventPayload):
    """The playbook as listening and webhooks need it: what it is about and when it fires."""

    playbook_id: uuid.UUID
    brand_id: uuid.UUID
    name: str
    scenario: str = Field(
        description="unhappy_customers_valid, trolls, defective_product, campaign_mistake, executive_comment or custom"
    )
    custom_scenario: str | None = None
    severity: CrisisSeverity
    trigger: CrisisTriggerConditions
    freeze_publishing: bool
    notify_contacts: bool
    archived: bool = False


class CrisisPlaybookCreatedV1(CrisisPlaybookSnapshot):
    event_type: ClassVar[str] = "chorus.planning.crisis_playbook.created.v1"


class CrisisPlaybookUpdatedV1(CrisisPlaybookSnapshot):
    event_type: ClassVar[str] = "chorus.planning.crisis_playbook.updated.v1"


class CrisisPlaybookArchivedV1(EventPayload):
    """The playbook no longer fires: listening drops its trigger conditions."""

    event_type: ClassVar[str] = "chorus.planning.crisis_playbook.archived.v1"

    playbook_id: uuid.UUID
    brand_id: uuid.UUID


class CrisisChecklistStepData(EventPayload):
    position: int = Field(ge=1)
    title: str
    owner_role: str | None = None
    owner_user_id: str | None = None
    due_at: AwareDatetime


class CrisisIncidentOpenedV1(EventPayload):
    """A crisis incident is open. `freeze_publishing` true asks publishing to freeze the brand's queues now."""

    event_type: ClassVar[str] = "chorus.planning.crisis_incident.opened.v1"

    incident_id: uuid.UUID
    brand_id: uuid.UUID
    playbook_id: uuid.UUID | None = None
    severity: CrisisSeverity
    reason: str
    opened_at: AwareDatetime
    opened_by: str = Field(description="User id, or `listening` when a detection opened it.")
    detection_event_id: str | None = Field(default=None, description="CloudEvent id of the crisis.detected event.")
    freeze_publishing: bool = False
    notify_contacts: bool = False
    contacts: list[EscalationContactData] = Field(default_factory=list)
    checklist: list[CrisisChecklistStepData] = Field(default_factory=list)


class CrisisIncidentUpdatedV1(EventPayload):
    """A timeline entry was added: another detection, a holding statement used, or a note."""

    event_type: ClassVar[str] = "chorus.planning.crisis_incident.updated.v1"

    incident_id: uuid.UUID
    brand_id: uuid.UUID
    entry_kind: str
    entry_at: AwareDatetime
    entry_by: str
    text: str


class CrisisIncidentStepCompletedV1(EventPayload):
    event_type: ClassVar[str] = "chorus.planning.crisis_incident.step_completed.v1"

    incident_id: uuid.UUID
    brand_id: uuid.UUID
    position: int = Field(ge=1)
    title: str
    completed_at: AwareDatetime
    completed_by: str
    due_at: AwareDatetime
    late: bool


class CrisisIncidentEscalatedV1(EventPayload):
    """Page these contacts now."""

    event_type: ClassVar[str] = "chorus.planning.crisis_incident.escalated.v1"

    incident_id: uuid.UUID
    brand_id: uuid.UUID
    severity: CrisisSeverity
    reason: str
    escalated_at: AwareDatetime
    escalated_by: str
    contacts: list[EscalationContactData]


class CrisisIncidentClosedV1(EventPayload):
    event_type: ClassVar[str] = "chorus.planning.crisis_incident.closed.v1"

    incident_id: uuid.UUID
    brand_id: uuid.UUID
    closed_at: AwareDatetime
    closed_by: str
    opened_at: AwareDatetime
    summary: str
    steps_completed: int = Field(ge=0)
    steps_total: int = Field(ge=0)
