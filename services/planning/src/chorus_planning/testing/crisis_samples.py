"""Sample crisis playbook content for planning's crisis tests."""

from __future__ import annotations

from chorus_planning.domain.crisis_playbook import PlaybookContent
from chorus_planning.domain.crisis_playbook_rules import (
    EscalationContact,
    HoldingStatement,
    ResponseStep,
    TriggerConditions,
)


def recall_playbook(**changes: object) -> PlaybookContent:
    fields: dict[str, object] = {
        "name": "Defective kettle recall",
        "scenario": "defective_product",
        "severity": "high",
        "trigger": TriggerConditions(200, 60, 0.6, ("kettle", "burn")),
        "steps": (
            ResponseStep("Acknowledge publicly", 15, owner_role="community_manager"),
            ResponseStep("Brief the client's legal team", 60, owner_user_id="user-smm"),
            ResponseStep("Publish the recall notice", 240, owner_role="social_media_manager"),
        ),
        "holding_statements": (HoldingStatement("First response", "fr", "Nous analysons la situation."),),
        "contacts": (
            EscalationContact("Ada Martin", "Head of communications", "ada@example.com", "+33 6 12 34 56 78"),
        ),
        "freeze_publishing": True,
        "notify_contacts": True,
    }
    fields.update(changes)
    return PlaybookContent(**fields)  # type: ignore[arg-type]
