"""GraphQL types of crisis playbooks and incidents: steps, statements, contacts, checklist and timeline."""

from __future__ import annotations

from datetime import datetime

import strawberry

from chorus_gateway.graphql.crisis.enums import CrisisIncidentStatus, CrisisScenario, CrisisSeverity, CrisisTimelineKind
from chorus_gateway.graphql.crisis.rest import (
    PlanningChecklistItem,
    PlanningContact,
    PlanningIncident,
    PlanningPlaybook,
    PlanningStatement,
    PlanningStep,
)
from chorus_gateway.graphql.identity.types import Role
from chorus_shared.auth.roles import Role as DomainRole


def _role(value: str | None) -> DomainRole | None:
    return None if value is None else DomainRole(value)


@strawberry.type(description="When listening should raise a crisis: volume in a window and negative share.")
class CrisisTrigger:
    mention_volume_threshold: int
    window_minutes: int
    negative_share_threshold: float = strawberry.field(description="0 to 1.")
    keywords: list[str]


@strawberry.type(description="A response step: owned by a role or a user, to be done within a time limit.")
class CrisisStep:
    title: str
    time_limit_minutes: int
    owner_role: Role | None  # type: ignore[valid-type]
    owner_user_id: str | None
    instructions: str

    @classmethod
    def of(cls, step: PlanningStep) -> CrisisStep:
        return cls(
            title=step.title,
            time_limit_minutes=step.time_limit_minutes,
            owner_role=_role(step.owner_role),
            owner_user_id=step.owner_user_id,
            instructions=step.instructions,
        )


@strawberry.type(description="A pre-approved holding statement.")
class HoldingStatement:
    title: str
    language: str
    text: str

    @classmethod
    def of(cls, statement: PlanningStatement) -> HoldingStatement:
        return cls(title=statement.title, language=statement.language, text=statement.text)


@strawberry.type
class EscalationContact:
    name: str
    role: str
    email: str | None
    phone: str | None

    @classmethod
    def of(cls, contact: PlanningContact) -> EscalationContact:
        return cls(name=contact.name, role=contact.role, email=contact.email, phone=contact.phone)


@strawberry.type(description="What to do when a kind of crisis hits a brand.")
class CrisisPlaybook:
    id: strawberry.ID
    brand_id: strawberry.ID
    name: str
    scenario: CrisisScenario
    custom_scenario: str | None
    severity: CrisisSeverity
    trigger: CrisisTrigger
    steps: list[CrisisStep]
    holding_statements: list[HoldingStatement]
    contacts: list[EscalationContact]
    freeze_publishing: bool = strawberry.field(description="Freeze the brand's publishing when an incident opens.")
    notify_contacts: bool
    archived: bool
    version: int

    @classmethod
    def of(cls, playbook: PlanningPlaybook) -> CrisisPlaybook:
        trigger = playbook.trigger
        return cls(
            id=strawberry.ID(str(playbook.id)),
            brand_id=strawberry.ID(str(playbook.brand_id)),
            name=playbook.name,
            scenario=CrisisScenario(playbook.scenario),
            custom_scenario=playbook.custom_scenario,
            severity=CrisisSeverity(playbook.severity),
            trigger=CrisisTrigger(
                mention_volume_threshold=trigger.mention_volume_threshold,
                window_minutes=trigger.window_minutes,
                negative_share_threshold=trigger.negative_share_threshold,
                keywords=trigger.keywords,
            ),
            steps=[CrisisStep.of(s) for s in playbook.steps],
            holding_statements=[HoldingStatement.of(s) for s in playbook.holding_statements],
            contacts=[EscalationContact.of(c) for c in playbook.contacts],
            freeze_publishing=playbook.freeze_publishing,
            notify_contacts=playbook.notify_contacts,
            archived=playbook.archived,
            version=playbook.version,
        )


@strawberry.type(description="A playbook step as an incident's checklist item, due from the incident's opening.")
class CrisisChecklistItem:
    position: int
    title: str
    instructions: str
    owner_role: Role | None  # type: ignore[valid-type]
    owner_user_id: str | None
    due_at: datetime
    completed_at: datetime | None
    completed_by: str | None

    @classmethod
    def of(cls, item: PlanningChecklistItem) -> CrisisChecklistItem:
        return cls(
            position=item.position,
            title=item.title,
            instructions=item.instructions,
            owner_role=_role(item.owner_role),
            owner_user_id=item.owner_user_id,
            due_at=item.due_at,
            completed_at=item.completed_at,
            completed_by=item.completed_by,
        )


@strawberry.type
class CrisisTimelineEntry:
    kind: CrisisTimelineKind
    at: datetime
    by: str
    text: str


@strawberry.type
class PostMortem:
    summary: str
    went_well: str
    to_improve: str


@strawberry.type(
    description="A crisis being worked: checklist, timeline, statements and contacts; closed with lessons."
)
class CrisisIncident:
    id: strawberry.ID
    brand_id: strawberry.ID
    playbook_id: strawberry.ID | None
    status: CrisisIncidentStatus
    severity: CrisisSeverity
    reason: str
    opened_at: datetime
    opened_by: str
    freeze_publishing: bool
    checklist: list[CrisisChecklistItem]
    timeline: list[CrisisTimelineEntry]
    holding_statements: list[HoldingStatement]
    contacts: list[EscalationContact]
    closed_at: datetime | None
    closed_by: str | None
    post_mortem: PostMortem | None
    version: int

    @classmethod
    def of(cls, incident: PlanningIncident) -> CrisisIncident:
        lessons = incident.post_mortem
        return cls(
            id=strawberry.ID(str(incident.id)),
            brand_id=strawberry.ID(str(incident.brand_id)),
            playbook_id=None if incident.playbook_id is None else strawberry.ID(str(incident.playbook_id)),
            status=CrisisIncidentStatus(incident.status),
            severity=CrisisSeverity(incident.severity),
            reason=incident.reason,
            opened_at=incident.opened_at,
            opened_by=incident.opened_by,
            freeze_publishing=incident.freeze_publishing,
            checklist=[CrisisChecklistItem.of(i) for i in incident.checklist],
            timeline=[
                CrisisTimelineEntry(kind=CrisisTimelineKind(e.kind), at=e.at, by=e.by, text=e.text)
                for e in incident.timeline
            ],
            holding_statements=[HoldingStatement.of(s) for s in incident.holding_statements],
            contacts=[EscalationContact.of(c) for c in incident.contacts],
            closed_at=incident.closed_at,
            closed_by=incident.closed_by,
            post_mortem=None
            if lessons is None
            else PostMortem(summary=lessons.summary, went_well=lessons.went_well, to_improve=lessons.to_improve),
            version=incident.version,
        )
