"""Crisis incident: one crisis a brand is going through, its checklist from the playbook, its timeline, its lessons."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from chorus_planning.domain.crisis_incident_parts import (
    LISTENING,
    ChecklistItem,
    Detection,
    PostMortem,
    TimelineEntry,
    TimelineKind,
)
from chorus_planning.domain.crisis_playbook import SEVERITY_RANK, CrisisPlaybook
from chorus_planning.domain.crisis_playbook_rules import (
    TEXT_MAX,
    EscalationContact,
    HoldingStatement,
    Problems,
    clean_text,
)
from chorus_planning.domain.errors import CrisisIncidentClosed, CrisisStepAlreadyCompleted
from chorus_shared.errors import ValidationFailed
from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.contracts.listening import CrisisSeverity
from chorus_shared.messaging.contracts.planning_crisis import (
    CrisisChecklistStepData,
    CrisisIncidentClosedV1,
    CrisisIncidentEscalatedV1,
    CrisisIncidentOpenedV1,
    CrisisIncidentStepCompletedV1,
    CrisisIncidentUpdatedV1,
    EscalationContactData,
)


@dataclass
class CrisisIncident:
    id: uuid.UUID
    tenant_id: uuid.UUID
    brand_id: uuid.UUID
    playbook_id: uuid.UUID | None
    severity: CrisisSeverity
    reason: str
    opened_at: datetime
    opened_by: str
    freeze_publishing: bool = False
    detection_event_id: str | None = None
    checklist: list[ChecklistItem] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    contacts: tuple[EscalationContact, ...] = ()
    statements: tuple[HoldingStatement, ...] = ()
    closed_at: datetime | None = None
    closed_by: str | None = None
    post_mortem: PostMortem | None = None
    version: int = 1
    events: list[EventPayload] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def open(
        cls,
        *,
        tenant_id: uuid.UUID,
        brand_id: uuid.UUID,
        playbook: CrisisPlaybook | None,
        severity: CrisisSeverity,
        reason: str,
        by: str,
        now: datetime,
        detection: Detection | None = None,
    ) -> CrisisIncident:
        problems = Problems()
        reason = clean_text(reason, "reason", problems, limit=TEXT_MAX)
        if problems.errors:
            raise ValidationFailed("The crisis incident is not valid.", field_errors=problems.errors)
        content = playbook.content if playbook else None
        incident = cls(
            id=uuid.uuid4(),
            tenant_id=tenant_id,
            brand_id=brand_id,
            playbook_id=playbook.id if playbook else None,
            severity=severity,
            reason=reason,
            opened_at=now,
            opened_by=by,
            # The playbook's automatic action, decided when it was written, not by whoever opens the incident.
            freeze_publishing=bool(content and content.freeze_publishing),
            detection_event_id=detection.event_id if detection else None,
            checklist=_checklist_of(playbook, now),
            contacts=content.contacts if content else (),
            statements=content.holding_statements if content else (),
        )
        if detection is not None:
            incident._log(TimelineKind.DETECTED, detection.detected_at, LISTENING, detection.describe())
        incident._log(TimelineKind.OPENED, now, by, reason)
        incident.events.append(incident._opened_event(notify=bool(content and content.notify_contacts)))
        return incident

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def record_detection(self, detection: Detection) -> None:
        """Another spike while the incident is open: it belongs to this crisis, not to a new one."""
        self._ensure_open()
        entry = self._log(TimelineKind.DETECTED, detection.detected_at, LISTENING, detection.describe())
        self._updated(entry)

    def complete_step(self, position: int, *, by: str, now: datetime) -> ChecklistItem:
        self._ensure_open()
        item = next((step for step in self.checklist if step.position == position), None)
        if item is None:
            raise ValidationFailed(
                f"The checklist has no step {position}.",
                field_errors=[Problems.one("position", f"No step {position} in this checklist.", "not_found")],
            )
        if item.completed_at is not None:
            raise CrisisStepAlreadyCompleted(f"Step {position} was completed at {item.completed_at.isoformat()}.")
        item.completed_at, item.completed_by = now, by
        self._log(TimelineKind.STEP_COMPLETED, now, by, f"{position}. {item.title}")
        self.version += 1
        self.events.append(
            CrisisIncidentStepCompletedV1(
                incident_id=self.id,
                brand_id=self.brand_id,
                position=position,
                title=item.title,
                completed_at=now,
                completed_by=by,
                due_at=item.due_at,
                late=now > item.due_at,
            )
        )
        return item

    def use_statement(self, *, title: str, language: str, by: str, now: datetime) -> HoldingStatement:
        self._ensure_open()
        statement = next(
            (s for s in self.statements if s.title.casefold() == title.strip().casefold() and s.language == language),
            None,
        )
        if statement is None:
            raise ValidationFailed(
                "The playbook has no such pre-approved statement.",
                field_errors=[Problems.one("title", f"No statement {title!r} in {language!r}.", "not_found")],
            )
        self._updated(self._log(TimelineKind.STATEMENT_USED, now, by, f"{statement.title} [{language}]"))
        return statement

    def add_note(self, text: str, *, by: str, now: datetime) -> None:
        self._ensure_open()
        problems = Problems()
        text = clean_text(text, "text", problems, limit=TEXT_MAX)
        if problems.errors:
            raise ValidationFailed("The note is empty or too long.", field_errors=problems.errors)
        self._updated(self._log(TimelineKind.NOTE, now, by, text))

    def escalate(self, *, reason: str, severity: CrisisSeverity | None, by: str, now: datetime) -> None:
        """Page the playbook's contacts; optionally raise the severity (never lower it: that is not escalating)."""
        self._ensure_open()
        problems = Problems()
        reason = clean_text(reason, "reason", problems, limit=TEXT_MAX)
        if severity is not None and SEVERITY_RANK[severity] < SEVERITY_RANK[self.severity]:
            problems.add("severity", f"The incident is already {self.severity}; escalating cannot lower it.", "lower")
        if problems.errors:
            raise ValidationFailed("The escalation is not valid.", field_errors=problems.errors)
        self.severity = severity or self.severity
        self._log(TimelineKind.ESCALATED, now, by, f"[{self.severity}] {reason}")
        self.version += 1
        self.events.append(
            CrisisIncidentEscalatedV1(
                incident_id=self.id,
                brand_id=self.brand_id,
                severity=self.severity,
                reason=reason,
                escalated_at=now,
                escalated_by=by,
                contacts=_contacts_data(self.contacts),
            )
        )

    def close(self, post_mortem: PostMortem | None, *, by: str, now: datetime) -> None:
        self._ensure_open()
        lessons = _checked_post_mortem(post_mortem)
        self.post_mortem, self.closed_at, self.closed_by = lessons, now, by
        self._log(TimelineKind.CLOSED, now, by, lessons.summary)
        self.version += 1
        self.events.append(
            CrisisIncidentClosedV1(
                incident_id=self.id,
                brand_id=self.brand_id,
                closed_at=now,
                closed_by=by,
                opened_at=self.opened_at,
                summary=lessons.summary,
                steps_completed=sum(1 for step in self.checklist if step.completed_at is not None),
                steps_total=len(self.checklist),
            )
        )

    def _ensure_open(self) -> None:
        if not self.is_open:
            raise CrisisIncidentClosed("The crisis incident is closed.")

    def _log(self, kind: TimelineKind, at: datetime, by: str, text: str) -> TimelineEntry:
        entry = TimelineEntry(kind, at, by, text)
        self.timeline.append(entry)
        return entry

    def _updated(self, entry: TimelineEntry) -> None:
        self.version += 1
        self.events.append(
            CrisisIncidentUpdatedV1(
                incident_id=self.id,
                brand_id=self.brand_id,
                entry_kind=entry.kind,
                entry_at=entry.at,
                entry_by=entry.by,
                text=entry.text,
            )
        )

    def _opened_event(self, *, notify: bool) -> CrisisIncidentOpenedV1:
        return CrisisIncidentOpenedV1(
            incident_id=self.id,
            brand_id=self.brand_id,
            playbook_id=self.playbook_id,
            severity=self.severity,
            reason=self.reason,
            opened_at=self.opened_at,
            opened_by=self.opened_by,
            detection_event_id=self.detection_event_id,
            freeze_publishing=self.freeze_publishing,
            notify_contacts=notify,
            contacts=_contacts_data(self.contacts) if notify else [],
            checklist=[
                CrisisChecklistStepData(
                    position=item.position,
                    title=item.title,
                    owner_role=item.owner_role,
                    owner_user_id=item.owner_user_id,
                    due_at=item.due_at,
                )
                for item in self.checklist
            ],
        )


def _checklist_of(playbook: CrisisPlaybook | None, opened_at: datetime) -> list[ChecklistItem]:
    if playbook is None:
        return []
    return [
        ChecklistItem(
            position=index,
            title=step.title,
            instructions=step.instructions,
            owner_role=step.owner_role,
            owner_user_id=step.owner_user_id,
            due_at=opened_at + timedelta(minutes=step.time_limit_minutes),
        )
        for index, step in enumerate(playbook.content.steps, start=1)
    ]


def _contacts_data(contacts: tuple[EscalationContact, ...]) -> list[EscalationContactData]:
    return [EscalationContactData(name=c.name, role=c.role, email=c.email, phone=c.phone) for c in contacts]


def _checked_post_mortem(post_mortem: PostMortem | None) -> PostMortem:
    problems = Problems()
    if post_mortem is None:
        problems.add("post_mortem", "Closing an incident needs its post-mortem.", "required")
        raise ValidationFailed("A crisis incident closes with a post-mortem.", field_errors=problems.errors)
    checked = PostMortem(
        summary=clean_text(post_mortem.summary, "post_mortem.summary", problems, limit=TEXT_MAX),
        went_well=clean_text(post_mortem.went_well, "post_mortem.went_well", problems, limit=TEXT_MAX),
        to_improve=clean_text(post_mortem.to_improve, "post_mortem.to_improve", problems, limit=TEXT_MAX),
    )
    if problems.errors:
        raise ValidationFailed("A crisis incident closes with a post-mortem.", field_errors=problems.errors)
    return checked
