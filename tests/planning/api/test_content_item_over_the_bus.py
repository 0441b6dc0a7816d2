"""A ready item handed over travels to publishing on the real embedded bus, and publishing's events come back.

The test plays publishing's part on the bus (read the hand-over, answer with post events); planning's side is the
real thing: outbox, relay, consumer loop with the inbox, and the REST API showing the item's status.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest

from chorus_planning.adapters.orm import inbox, outbox
from chorus_planning.main import create_app
from chorus_planning.service.publishing_events import on_publishing_event
from chorus_planning.settings import PlanningSettings
from chorus_planning.testing.callers import Agency, new_brand, outbox_events
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.messaging.bus import OutgoingRecord
from chorus_shared.messaging.consumer import run_consumer
from chorus_shared.messaging.contracts.planning_calendar import ContentItemHandedOverV1
from chorus_shared.messaging.contracts.publishing import PostCreatedV1, PostPublishedV1
from chorus_shared.messaging.embedded_backend import EmbeddedBackend
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.messaging.inbox import IdempotentHandler
from chorus_shared.messaging.outbox_relay import OutboxRelay
from chorus_shared.testing.http import TEST_INTERNAL_SECRET, app_client
from chorus_shared.testing.postgres import MigratedDatabase

AGENCY = Agency()
PUBLISHING = "chorus.publishing"


@pytest.fixture
async def planning(
    planning_db: MigratedDatabase, embedded_bus_database: MigratedDatabase
) -> AsyncIterator[httpx.AsyncClient]:
    settings = PlanningSettings(
        database_url=planning_db.app_url,
        bus_database_url=embedded_bus_database.app_url,
        internal_token_secret=TEST_INTERNAL_SECRET,
    )
    async with app_client(create_app(settings)) as http:
        yield http


async def _planning_consumer(backend: EmbeddedBackend, database: MigratedDatabase, stop: asyncio.Event) -> None:
    engine = make_engine(database.app_url)
    group = f"planning.posts.{uuid.uuid4().hex[:8]}"
    handler = IdempotentHandler(
        make_sessions(engine),
        group=group,
        inbox=inbox,
        outbox=outbox,
        source="chorus.planning",
        handle=on_publishing_event,
    )
    consumer = await backend.consumer(group=group, topics=[PUBLISHING])
    try:
        await run_consumer(consumer, handler, backend=backend, group=group, stop=stop, poll_timeout=0.2)
    finally:
        await consumer.close()
        await engine.dispose()


async def _handed_over(backend: EmbeddedBackend, item_id: str) -> CloudEvent:
    """What publishing would receive: the hand-over event of the item, read from chorus.planning."""
    consumer = await backend.consumer(group=f"publishing.drafts.{uuid.uuid4().hex[:8]}", topics=["chorus.planning"])
    try:
        for _ in range(100):
            for message in await consumer.poll(timeout=0.2):
                event = CloudEvent.from_message(message.headers, message.value)
                if event.type == ContentItemHandedOverV1.event_type and event.subject == item_id:
                    return event
        raise AssertionError(f"no hand-over of {item_id} on the bus")
    finally:
        await consumer.close()


async def _publish(
    backend: EmbeddedBackend, tenant: uuid.UUID, payload: PostCreatedV1 | PostPublishedV1, event_id: str | None = None
) -> None:
    event = CloudEvent(
        type=payload.event_type,
        source="chorus.publishing",
        subject=str(payload.post_id),
        tenantid=str(tenant),
        data=payload.model_dump(mode="json"),
        id=event_id or str(uuid.uuid4()),
    )
    record = OutgoingRecord(topic=PUBLISHING, key=event.key, value=event.to_value(), headers=tuple(event.to_headers()))
    await backend.send([record])


async def _eventually(client: httpx.AsyncClient, path: str, expected: dict[str, object]) -> dict[str, object]:
    seen: dict[str, object] = {}
    for _ in range(150):
        seen = (await client.get(path, headers=AGENCY.smm)).json()
        if all(seen.get(k) == v for k, v in expected.items()):
            return seen
        await asyncio.sleep(0.1)
    raise AssertionError(f"{path} never showed {expected}; last seen {seen}")


async def test_hand_over_reaches_publishing_and_the_published_post_comes_back(
    planning: httpx.AsyncClient,
    planning_db: MigratedDatabase,
    embedded_backend: EmbeddedBackend,
) -> None:
    await embedded_backend.ensure_topics(["chorus.planning", PUBLISHING])
    relay_engine = make_engine(planning_db.app_url)
    relay = OutboxRelay(relay_engine, embedded_backend, outbox=outbox)
    stop = asyncio.Event()
    consuming = asyncio.create_task(_planning_consumer(embedded_backend, planning_db, stop))
    try:
        brand = await new_brand(planning, AGENCY)
        body = {"title": "Launch", "channels": ["bluesky", "mastodon"], "planned_local": "2026-04-02T10:00:00"}
        item = (await planning.post(f"/brands/{brand}/content-items", json=body, headers=AGENCY.smm)).json()
        path = f"/brands/{brand}/content-items/{item['id']}"
        for status in ("planned", "in_production", "ready"):
            await planning.post(f"{path}/status", json={"status": status}, headers=AGENCY.cm)
        assert (await planning.post(f"{path}/hand-over", headers=AGENCY.cm)).json()["status"] == "handed_over"
        await relay.publish_pending()

        handed = ContentItemHandedOverV1.model_validate((await _handed_over(embedded_backend, item["id"])).data)
        assert (handed.channels, handed.planned_at) == (["bluesky", "mastodon"], datetime(2026, 4, 2, 8, tzinfo=UTC))

        post = uuid.uuid4()
        item_id = handed.content_item_id
        await _publish(
            embedded_backend, AGENCY.id, PostCreatedV1(post_id=post, brand_id=handed.brand_id, content_item_id=item_id)
        )
        await _eventually(planning, path, {"post_id": str(post), "status": "handed_over"})

        published_at = datetime(2026, 4, 2, 8, 0, 3, tzinfo=UTC)
        on_bluesky = PostPublishedV1(
            post_id=post,
            brand_id=handed.brand_id,
            content_item_id=item_id,
            channel="maison.bsky.social",
            network="bluesky",
            published_at=published_at,
            network_post_url="https://bsky.app/profile/maison.bsky.social/post/1",
        )
        # An unknown item, the same event twice and the second channel's event: none of them may change anything.
        stray = on_bluesky.model_copy(update={"content_item_id": uuid.uuid4()})
        await _publish(embedded_backend, AGENCY.id, stray)
        await _publish(embedded_backend, AGENCY.id, on_bluesky, event_id="published-once")
        await _publish(embedded_backend, AGENCY.id, on_bluesky, event_id="published-once")
        later = on_bluesky.model_copy(
            update={"network": "mastodon", "published_at": datetime(2026, 4, 2, 9, tzinfo=UTC)}
        )
        await _publish(embedded_backend, AGENCY.id, later)
        done = await _eventually(planning, path, {"status": "published"})
        await asyncio.sleep(0.5)  # let the later events be handled too
        final = (await planning.get(path, headers=AGENCY.smm)).json()
        assert final == done
        assert (final["published_at"], final["network_post_url"]) == (
            "2026-04-02T08:00:03Z",
            "https://bsky.app/profile/maison.bsky.social/post/1",
        )
        assert final["version"] == done["version"]

        changes = [d for t, d in await outbox_events(planning_db, item["id"]) if t.endswith("status_changed.v1")]
        assert [(c["status"], c["post_id"]) for c in changes][-2:] == [("handed_over", None), ("published", str(post))]
        outsider = Agency()
        assert (await planning.get(path, headers=outsider.owner)).status_code == 404
    finally:
        stop.set()
        await consuming
        await relay_engine.dispose()
