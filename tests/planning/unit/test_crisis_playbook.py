"""Crisis playbook rules: ordered steps with owners and time limits, thresholds in range, contact formats."""

from __future__ import annotations

import uuid

import pytest

from chorus_planning.domain.crisis_playbook import CrisisPlaybook, best_playbook_for
from chorus_planning.domain.crisis_playbook_rules import EscalationContact, ResponseStep, TriggerConditions
from chorus_planning.domain.errors import CrisisPlaybookArchived
from chorus_planning.testing.crisis_samples import recall_playbook
from chorus_shared.errors import ValidationFailed
from chorus_shared.messaging.contracts.listening import CrisisSeverity

TENANT, BRAND = uuid.uuid4(), uuid.uuid4()


def _create(**changes: object) -> CrisisPlaybook:
    return CrisisPlaybook.create(
        tenant_id=TENANT, brand_id=BRAND, content=recall_playbook(**changes), brand_languages=["fr", "en"]
    )


def _fields(**changes: object) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as failure:
        _create(**changes)
    return {error.field: error.code for error in failure.value.field_errors}


def test_steps_keep_the_order_written_and_the_event_carries_the_triggers() -> None:
    playbook = _create()
    assert [step.title for step in playbook.content.steps] == [
        "Acknowledge publicly",
        "Brief the client's legal team",
        "Publish the recall notice",
    ]
    created = playbook.events[0].model_dump(mode="json")
    assert created["trigger"] == {
        "mention_volume_threshold": 200,
        "window_minutes": 60,
        "negative_share_threshold": 0.6,
        "keywords": ["kettle", "burn"],
    }
    assert created["freeze_publishing"] is True


def test_thresholds_out_of_range_are_refused_field_by_field() -> None:
    assert _fields(trigger=TriggerConditions(0, 0, 1.5)) == {
        "trigger.mention_volume_threshold": "out_of_range",
        "trigger.window_minutes": "out_of_range",
        "trigger.negative_share_threshold": "out_of_range",
    }
    assert _fields(trigger=TriggerConditions(10, 30, -0.1)) == {"trigger.negative_share_threshold": "out_of_range"}


def test_every_step_needs_one_owner_and_a_time_limit() -> None:
    steps = (
        ResponseStep("No owner", 15),
        ResponseStep("Two owners", 15, owner_role="analyst", owner_user_id="user-1"),
        ResponseStep("Client owner", 15, owner_role="client"),
        ResponseStep("No time", 0, owner_role="community_manager"),
    )
    assert _fields(steps=steps) == {
        "steps.0.owner_role": "owner_required",
        "steps.1.owner_role": "owner_required",
        "steps.2.owner_role": "invalid",
        "steps.3.time_limit_minutes": "out_of_range",
    }
    assert _fields(steps=()) == {"steps": "required"}


def test_contacts_need_a_valid_email_or_phone() -> None:
    contacts = (
        EscalationContact("Ada", "PR", email="ada-at-example.com"),
        EscalationContact("Bob", "CEO", phone="06 12 34 56 78"),
        EscalationContact("Cleo", "Legal"),
        EscalationContact("Dan", "Ops", phone="+44 (20) 7946-0958"),
    )
    assert _fields(contacts=contacts) == {
        "contacts.0.email": "invalid_email",
        "contacts.1.phone": "invalid_phone",
        "contacts.2.email": "required",
    }
    assert _create(contacts=contacts[3:]).content.contacts[0].phone == "+442079460958"


def test_custom_scenario_needs_a_name_and_statements_speak_the_brands_languages() -> None:
    assert _fields(scenario="custom", severity="extreme") == {"custom_scenario": "required", "severity": "invalid"}
    playbook = _create(scenario="custom", custom_scenario="Data leak")
    assert playbook.content.custom_scenario == "Data leak"
    statements = recall_playbook().holding_statements
    german = tuple(type(s)(s.title, "de", s.text) for s in statements)
    assert _fields(holding_statements=german) == {"holding_statements.0.language": "not_a_brand_language"}


def test_an_archived_playbook_cannot_be_revised() -> None:
    playbook = _create()
    playbook.archive()
    with pytest.raises(CrisisPlaybookArchived):
        playbook.revise(recall_playbook(name="New name"), ["fr"])


def test_the_best_playbook_is_the_one_whose_triggers_fire_then_the_nearest_severity() -> None:
    trolls = _create(name="Trolls", scenario="trolls", severity="low", trigger=TriggerConditions(10, 30, 0.3))
    recall = _create(severity="critical")
    spike = {"mention_volume": 50, "negative_share": 0.5, "text": "trolls again"}
    assert best_playbook_for([recall, trolls], severity=CrisisSeverity.CRITICAL, **spike) is trolls  # type: ignore[arg-type]
    calm = {"mention_volume": 0, "negative_share": 0.0, "text": ""}
    assert best_playbook_for([trolls, recall], severity=CrisisSeverity.HIGH, **calm) is recall  # type: ignore[arg-type]
    recall.archive()
    assert best_playbook_for([recall], severity=CrisisSeverity.HIGH, **calm) is None  # type: ignore[arg-type]
