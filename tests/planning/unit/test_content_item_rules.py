"""The content item's status machine, its hand-over event and the publishing-driven move to published."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from chorus_planning.domain.content_item import ContentFormat, ContentItem, ContentPlan, ContentStatus
from chorus_planning.domain.errors import ContentItemTransitionRefused
from chorus_planning.domain.networks import Network
from chorus_shared.errors import ValidationFailed
from chorus_shared.messaging.contracts.planning_calendar import (
    ContentItemCreatedV1,
    ContentItemHandedOverV1,
    ContentItemStatusChangedV1,
)

WHEN = datetime(2026, 4, 2, 8, 0, tzinfo=UTC)
CAMPAIGN = uuid.uuid4()


def _item(**changes: Any) -> ContentItem:
    plan = ContentPlan(
        title="Spring launch teaser",
        brief="Tease the new collection",
        channels=[Network.INSTAGRAM, Network.BLUESKY],
        format=ContentFormat.REEL,
        planned_at=WHEN,
        campaign_id=CAMPAIGN,
    )
    item = ContentItem.create(
        tenant_id=uuid.uuid4(), brand_id=uuid.uuid4(), plan=replace(plan, **changes), timezone="Europe/Paris"
    )
    item.events.clear()
    return item


def _ready() -> ContentItem:
    item = _item()
    for status in (ContentStatus.PLANNED, ContentStatus.IN_PRODUCTION, ContentStatus.READY):
        item.move_to(status)
    item.events.clear()
    return item


def test_a_new_item_is_an_idea_and_records_its_creation() -> None:
    item = ContentItem.create(
        tenant_id=uuid.uuid4(), brand_id=uuid.uuid4(), plan=ContentPlan(title="  A   post "), timezone="UTC"
    )
    assert (item.status, item.plan.title) == (ContentStatus.IDEA, "A post")
    [created] = item.events
    assert isinstance(created, ContentItemCreatedV1)
    assert created.status == "idea"


def test_the_production_path_records_each_status_change() -> None:
    item = _item()
    for status in (ContentStatus.PLANNED, ContentStatus.IN_PRODUCTION, ContentStatus.READY):
        item.move_to(status)
    assert [(e.previous_status, e.status) for e in item.events if isinstance(e, ContentItemStatusChangedV1)] == [
        ("idea", "planned"),
        ("planned", "in_production"),
        ("in_production", "ready"),
    ]


@pytest.mark.parametrize(
    ("target", "words"),
    [
        (ContentStatus.READY, "allowed: planned"),
        (ContentStatus.HANDED_OVER, "hand-over action"),
        (ContentStatus.PUBLISHED, "not by hand"),
    ],
)
def test_skipping_steps_is_refused_with_the_reason(target: ContentStatus, words: str) -> None:
    with pytest.raises(ContentItemTransitionRefused, match=words):
        _item().move_to(target)


def test_planning_an_item_needs_a_date_and_a_channel() -> None:
    item = _item(planned_at=None, channels=[])
    with pytest.raises(ValidationFailed) as refused:
        item.move_to(ContentStatus.PLANNED)
    assert {(e.field, e.code) for e in refused.value.field_errors} == {
        ("planned_at", "required"),
        ("channels", "required"),
    }
    assert item.status is ContentStatus.IDEA


def test_handing_over_a_ready_item_tells_publishing_everything_it_needs() -> None:
    item = _ready()
    item.hand_over(by="user-7")
    changed, handed = item.events
    assert isinstance(changed, ContentItemStatusChangedV1)
    assert changed.status == "handed_over"
    assert handed == ContentItemHandedOverV1(
        content_item_id=item.id,
        brand_id=item.brand_id,
        campaign_id=CAMPAIGN,
        title="Spring launch teaser",
        brief="Tease the new collection",
        channels=["instagram", "bluesky"],
        format="reel",
        planned_at=WHEN,
        planned_timezone="Europe/Paris",
        handed_over_by="user-7",
    )


def test_only_a_ready_item_can_be_handed_over_and_then_the_plan_is_frozen() -> None:
    with pytest.raises(ContentItemTransitionRefused, match="this one is idea"):
        _item().hand_over(by="user-7")
    item = _ready()
    item.hand_over(by="user-7")
    with pytest.raises(ContentItemTransitionRefused, match="cannot be changed"):
        item.replan(ContentPlan(title="Changed"), timezone="Europe/Paris")


def test_publishing_marks_a_handed_over_item_published_once() -> None:
    item = _ready()
    item.hand_over(by="user-7")
    item.events.clear()
    post = uuid.uuid4()
    assert item.mark_published(post_id=post, published_at=WHEN, url="https://bsky.app/p/1")
    assert not item.mark_published(post_id=uuid.uuid4(), published_at=WHEN, url=None)
    assert (item.status, item.post_id, item.network_post_url) == (ContentStatus.PUBLISHED, post, "https://bsky.app/p/1")
    assert len(item.events) == 1


def test_a_post_published_for_an_item_never_handed_over_changes_nothing() -> None:
    item = _ready()
    assert not item.mark_published(post_id=uuid.uuid4(), published_at=WHEN, url=None)
    assert item.status is ContentStatus.READY
