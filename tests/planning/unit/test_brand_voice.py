"""Brand guidelines, the off-brand check, and publishing policies."""

from __future__ import annotations

import uuid

import pytest

from chorus_planning.domain.brand import Brand
from chorus_planning.domain.brand_guidelines import BrandGuidelines
from chorus_planning.domain.brand_policies import BrandPolicies
from chorus_planning.domain.guideline_check import ViolationKind, check_against_guidelines
from chorus_shared.errors import ValidationFailed
from chorus_shared.messaging.contracts.planning_brand_voice import BrandGuidelinesChangedV1

RULES = BrandGuidelines.parse(
    banned_words=["cheap", "pas cher", "Cheap"],
    banned_topics=[("politics", ["élection"])],
    mandatory_disclaimers=["#ad"],
)


def test_banned_words_match_whole_words_ignoring_case_and_accents() -> None:
    text = "CHEAP bags, pas  chèr! Classy and cheaper. #ad"
    found = check_against_guidelines(text, RULES)
    assert [(v.kind, text[v.start : v.end]) for v in found if v.start is not None] == [
        (ViolationKind.BANNED_WORD, "CHEAP"),
        (ViolationKind.BANNED_WORD, "pas  chèr"),
    ]
    assert RULES.banned_words == ("cheap", "pas cher")


def test_a_banned_topic_is_found_by_its_keywords_and_a_missing_disclaimer_is_reported() -> None:
    found = check_against_guidelines("Before the Election", RULES)
    assert [(v.kind, v.rule) for v in found] == [
        (ViolationKind.BANNED_TOPIC, "politics"),
        (ViolationKind.MISSING_DISCLAIMER, "#ad"),
    ]
    assert check_against_guidelines("#adventure time", RULES)[-1].kind is ViolationKind.MISSING_DISCLAIMER


def test_changing_guidelines_records_the_full_guidelines_once() -> None:
    brand = Brand.create(tenant_id=uuid.uuid4(), name="Acme", timezone="UTC", languages=["en"])
    brand.events.clear()
    brand.change_guidelines(RULES)
    brand.change_guidelines(RULES)
    [event] = brand.events
    assert isinstance(event, BrandGuidelinesChangedV1)
    assert event.guidelines.banned_words == ["cheap", "pas cher"]


def test_policies_need_a_window_only_when_posts_may_go_out_late() -> None:
    with pytest.raises(ValidationFailed) as failure:
        BrandPolicies.parse(approval="internal", late_post_mode="publish_late", late_window_minutes=None)
    assert [e.field for e in failure.value.field_errors] == ["late_window_minutes"]
    policies = BrandPolicies.parse(approval="client", late_post_mode="mark_missed", late_window_minutes=None)
    assert policies.late_window_minutes is None
