"""Planning's events reach posts over the real embedded bus: guidelines flag what the user types, a handed-over
item becomes a draft post linked to it (once, even when delivered twice) and its post.created goes to the outbox."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import TypeVar

import httpx
import pytest

from chorus_publishing.adapters.orm import inbox, outbox
from chorus_publishing.testing.post_kit import Agency, known_brand, outbox_events, variant
from chorus_publishing.worker import POSTS
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.messaging.bus import OutgoingRecord
from chorus_shared.messaging.consumer import run_consumer
from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.contracts.planning_brand_voice import (
    BannedTopicData,
    BrandGuidelinesChangedV1,
    GuidelinesData,
)
from chorus_shared.messaging.contracts.planning_calendar import ContentItemHandedOverV1
from chorus_shared.messaging.embedded_backend import EmbeddedBackend
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.messaging.inbox import IdempotentHandler
from chorus_shared.testing.postgres import MigratedDatabase

AGENCY = Agency()
PLANNING = "chorus.planning"
T = TypeVar("T")


@pytest.fixture
async def posts_consumer(
    embedded_backend: EmbeddedBackend, publishing_db: MigratedDatabase
) -> AsyncIterator[EmbeddedBackend]:
    """Publishing's worker consumer for posts (the real ConsumerSpec handler behind the inbox) while the test runs."""
    await embedded_backend.ensure_topics([PLANNING])
    engine = make_engine(publishing_db.app_url)
    group = f"{POSTS.group}.{uuid.uuid4().hex[:8]}"
    handler = IdempotentHandler(
        make_sessions(engine), group=group, inbox=inbox, outbox=outbox, source="chorus.publishing", handle=POSTS.handle
    )
    consumer = await embedded_backend.consumer(group=group, topics=[PLANNING])
    stop = asyncio.Event()
    task = asyncio.create_task(
        run_consumer(consumer, handler, backend=embedded_backend, group=group, stop=stop, poll_timeout=0.2)
    )
    try:
        yield embedded_backend
    finally:
        stop.set()
        await task
        await consumer.close()
        await engine.dispose()


async def _publish(backend: EmbeddedBackend, payload: EventPayload, subject: str, event_id: str | None = None) -> None:
    event = CloudEvent(
        type=payload.event_type,
        source=PLANNING,
        subject=subject,
        tenantid=str(AGENCY.id),
        data=payload.model_dump(mode="json"),
        id=event_id or str(uuid.uuid4()),
    )
    record = OutgoingRecord(topic=PLANNING, key=event.key, value=event.to_value(), headers=tuple(event.to_headers()))
    await backend.send([record])


async def _eventually(probe: Callable[[], Awaitable[T | None]]) -> T:
    for _ in range(100):
        found = await probe()
        if found:
            return found
        await asyncio.sleep(0.1)
    raise AssertionError("the consumer never applied the event")


async def test_guidelines_from_planning_flag_the_text_being_typed(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase, posts_consumer: EmbeddedBackend
) -> None:
    brand = await known_brand(publishing_db, AGENCY)
    guidelines = GuidelinesData(
        banned_words=["cheap"],
        banned_topics=[BannedTopicData(name="politics", keywords=["election"])],
        mandatory_disclaimers=["#ad"],
    )
    changed = BrandGuidelinesChangedV1(brand_id=uuid.UUID(brand), guidelines=guidelines, version=3)
    await _publish(posts_consumer, changed, brand)
    body = {"brand_id": brand, "variants": [variant("mastodon", "So cheap before the élection!")]}

    async def flags() -> list[dict[str, object]] | None:
        checked = (await client.post("/posts/validate", json=body, headers=AGENCY.cm)).json()
        found: list[dict[str, object]] = checked["guideline_flags"]
        return found or None

    found = await _eventually(flags)
    assert [(f["field"], f["kind"], f["rule"], f["start"]) for f in found] == [
        ("variants.0.text", "banned_word", "cheap", 3),
        ("variants.0.text", "banned_topic", "politics", 20),
        ("variants.0.text", "missing_disclaimer", "#ad", None),
    ]
    clean = {"brand_id": brand, "variants": [variant("mastodon", "Spring collection #ad")]}
    checked = (await client.post("/posts/validate", json=clean, headers=AGENCY.cm)).json()
    assert (checked["valid"], checked["guideline_flags"]) == (True, [])


async def test_a_handed_over_item_becomes_one_draft_post_linked_to_it(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase, posts_consumer: EmbeddedBackend
) -> None:
    brand = await known_brand(publishing_db, AGENCY)
    item, campaign = uuid.uuid4(), uuid.uuid4()
    handed = ContentItemHandedOverV1(
        content_item_id=item,
        brand_id=uuid.UUID(brand),
        campaign_id=campaign,
        title="Launch",
        brief="Our spring kettle is here.",
        channels=["bluesky", "mastodon", "bluesky"],
        format="text",
        planned_at=datetime(2026, 4, 2, 8, tzinfo=UTC),
        planned_timezone="Europe/Paris",
        handed_over_by="cm-1",
    )
    await _publish(posts_consumer, handed, str(item), event_id="hand-over-1")
    await _publish(posts_consumer, handed, str(item), event_id="hand-over-1")  # redelivered
    await _publish(posts_consumer, handed, str(item))  # a second hand-over of the same item

    async def drafts() -> list[dict[str, object]] | None:
        items: list[dict[str, object]] = (await client.get(f"/brands/{brand}/posts", headers=AGENCY.cm)).json()["items"]
        return items or None

    found = await _eventually(drafts)
    await asyncio.sleep(0.5)  # let the later deliveries be handled too
    posts = (await client.get(f"/brands/{brand}/posts", headers=AGENCY.cm)).json()["items"]
    assert len(posts) == len(found) == 1
    post = posts[0]
    assert (post["state"], post["content_item_id"], post["campaign_id"], post["created_by"]) == (
        "draft",
        str(item),
        str(campaign),
        "cm-1",
    )
    assert post["planned_at"] == "2026-04-02T08:00:00Z"
    assert [(v["network"], v["channel_id"], v["text"]) for v in post["variants"]] == [
        ("bluesky", None, "Our spring kettle is here."),
        ("mastodon", None, "Our spring kettle is here."),
    ]
    events = await outbox_events(publishing_db, str(post["id"]))
    assert events == [
        (
            "chorus.publishing.post.created.v1",
            {"post_id": post["id"], "brand_id": brand, "content_item_id": str(item)},
        )
    ]
