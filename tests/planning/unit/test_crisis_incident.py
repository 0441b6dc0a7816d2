"""Crisis incident rules: checklist due times, timeline, escalation, closing only with a post-mortem."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from chorus_planning.domain.crisis_incident import CrisisIncident
from chorus_planning.domain.crisis_incident_parts import Detection, PostMortem, TimelineKind
from chorus_planning.domain.crisis_playbook import CrisisPlaybook
from chorus_planning.domain.errors import CrisisIncidentClosed, CrisisStepAlreadyCompleted
from chorus_planning.testing.crisis_samples import recall_playbook
from chorus_shared.errors import ValidationFailed
from chorus_shared.messaging.contracts.listening import CrisisSeverity

TENANT, BRAND = uuid.uuid4(), uuid.uuid4()
NOON = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
PLAYBOOK = CrisisPlaybook.create(tenant_id=TENANT, brand_id=BRAND, content=recall_playbook(), brand_languages=["fr"])


def _detection(minutes: int = 0) -> Detection:
    return Detection(str(uuid.uuid4()), NOON + timedelta(minutes=minutes), CrisisSeverity.HIGH, "Burns", 300, 0.8)


def _open() -> CrisisIncident:
    return CrisisIncident.open(
        tenant_id=TENANT,
        brand_id=BRAND,
        playbook=PLAYBOOK,
        severity=CrisisSeverity.HIGH,
        reason="Kettles burn hands",
        by="listening",
        now=NOON,
        detection=_detection(),
    )


def test_the_playbook_steps_become_a_checklist_due_from_the_opening() -> None:
    incident = _open()
    assert [(i.position, i.due_at - NOON) for i in incident.checklist] == [
        (1, timedelta(minutes=15)),
        (2, timedelta(minutes=60)),
        (3, timedelta(minutes=240)),
    ]
    opened = incident.events[0].model_dump(mode="json")
    assert opened["freeze_publishing"] is True
    assert opened["contacts"][0]["email"] == "ada@example.com"
    assert [e.kind for e in incident.timeline] == [TimelineKind.DETECTED, TimelineKind.OPENED]


def test_completing_a_step_records_when_and_who_and_whether_it_was_late() -> None:
    incident = _open()
    incident.complete_step(1, by="user-cm", now=NOON + timedelta(minutes=20))
    step = incident.checklist[0]
    assert (step.completed_at, step.completed_by) == (NOON + timedelta(minutes=20), "user-cm")
    assert incident.events[-1].model_dump()["late"] is True
    with pytest.raises(CrisisStepAlreadyCompleted):
        incident.complete_step(1, by="user-cm", now=NOON)
    with pytest.raises(ValidationFailed):
        incident.complete_step(9, by="user-cm", now=NOON)


def test_a_second_detection_goes_to_the_timeline() -> None:
    incident = _open()
    incident.record_detection(_detection(minutes=30))
    assert [e.kind for e in incident.timeline].count(TimelineKind.DETECTED) == 2


def test_closing_needs_a_complete_post_mortem() -> None:
    incident = _open()
    with pytest.raises(ValidationFailed) as missing:
        incident.close(None, by="user-smm", now=NOON)
    assert [e.field for e in missing.value.field_errors] == ["post_mortem"]
    with pytest.raises(ValidationFailed) as partial:
        incident.close(PostMortem("Recall done", "", " "), by="user-smm", now=NOON)
    assert {e.field for e in partial.value.field_errors} == {"post_mortem.went_well", "post_mortem.to_improve"}
    assert incident.is_open
    incident.close(PostMortem("Recall done", "Fast answer", "Faster legal"), by="user-smm", now=NOON)
    with pytest.raises(CrisisIncidentClosed):
        incident.add_note("late note", by="user-cm", now=NOON)


def test_escalation_pages_the_contacts_and_never_lowers_severity() -> None:
    incident = _open()
    with pytest.raises(ValidationFailed):
        incident.escalate(reason="calmer", severity=CrisisSeverity.LOW, by="user-cm", now=NOON)
    incident.escalate(reason="TV picked it up", severity=CrisisSeverity.CRITICAL, by="user-cm", now=NOON)
    escalated = incident.events[-1].model_dump()
    assert escalated["severity"] == "critical"
    assert escalated["contacts"][0]["name"] == "Ada Martin"


def test_a_used_statement_must_be_one_of_the_pre_approved_ones() -> None:
    incident = _open()
    incident.use_statement(title="first response", language="fr", by="user-cm", now=NOON)
    assert incident.timeline[-1].kind == TimelineKind.STATEMENT_USED
    with pytest.raises(ValidationFailed):
        incident.use_statement(title="First response", language="en", by="user-cm", now=NOON)
