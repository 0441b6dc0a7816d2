"""A content item's round trip between planning and publishing, everything real and in process: both services'
APIs and databases, both outbox relays, the consumers as the workers deploy them, the embedded bus, a sandbox
network and a dispatcher replica. Planning plans and hands over the item; publishing makes the draft, which a
person finishes, has approved and shares now; the dispatcher puts it live on the sandbox; planning shows the item
published with the post's address.
"""

from __future__ import annotations

import asyncio
import dataclasses
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncEngine

import chorus_planning
import chorus_publishing
from chorus_planning import worker as planning_worker
from chorus_planning.adapters.orm import inbox as planning_inbox
from chorus_planning.adapters.orm import outbox as planning_outbox
from chorus_planning.main import create_app as create_planning
from chorus_planning.settings import PlanningSettings
from chorus_publishing import worker as publishing_worker
from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.sandbox_server import running_sandbox
from chorus_publishing.adapters.orm import inbox as publishing_inbox
from chorus_publishing.adapters.orm import outbox as publishing_outbox
from chorus_publishing.main import create_app as create_publishing
from chorus_publishing.service.channel_access import Channels
from chorus_publishing.service.channel_keys import key_ring
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_publishing.service.dispatcher import Dispatcher
from chorus_publishing.settings import PublishingSettings
from chorus_publishing.testing.channel_kit import KEY_A
from chorus_shared.auth import Role
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.messaging.bus import BusBackend
from chorus_shared.messaging.embedded_backend import EmbeddedBackend
from chorus_shared.messaging.outbox_relay import OutboxRelay
from chorus_shared.runtime.worker import ConsumerSpec, run_subscription
from chorus_shared.testing.embedded_bus import FAST_GROUP_TIMING
from chorus_shared.testing.http import TEST_INTERNAL_SECRET, app_client, auth_headers, principal
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase

AGENCY = uuid.uuid4()
SMM = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER, subject="smm"))
CM = auth_headers(principal(AGENCY, Role.COMMUNITY_MANAGER, subject="cm"))
TOPICS = ["chorus.planning", "chorus.publishing"]


@pytest.fixture(scope="module")
def planning_db(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("planning", migrations=Path(chorus_planning.__file__).parent / "migrations")


@pytest.fixture(scope="module")
def publishing_db(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("publishing", migrations=Path(chorus_publishing.__file__).parent / "migrations")


@pytest.fixture
async def bus(embedded_bus_database: MigratedDatabase) -> AsyncIterator[BusBackend]:
    backend = EmbeddedBackend(embedded_bus_database.app_url, timing=FAST_GROUP_TIMING)
    await backend.start()
    await backend.ensure_topics(TOPICS)
    try:
        yield backend
    finally:
        await backend.stop()


@pytest.fixture
async def workers(
    bus: BusBackend, planning_db: MigratedDatabase, publishing_db: MigratedDatabase
) -> AsyncIterator[None]:
    """What both services' workers run: each outbox's relay and the consumers of the round trip, as deployed
    (groups suffixed so this test reads the bus on its own)."""
    stop = asyncio.Event()
    planning_engine, publishing_engine = make_engine(planning_db.app_url), make_engine(publishing_db.app_url)
    planning = (planning_engine, planning_inbox, planning_outbox, "chorus.planning")
    publishing = (publishing_engine, publishing_inbox, publishing_outbox, "chorus.publishing")
    running = [
        asyncio.create_task(OutboxRelay(planning_engine, bus, outbox=planning_outbox, poll_interval=0.2).run(stop)),
        asyncio.create_task(OutboxRelay(publishing_engine, bus, outbox=publishing_outbox, poll_interval=0.2).run(stop)),
        asyncio.create_task(_consume(bus, publishing_worker.BRANDS, *publishing, stop)),
        asyncio.create_task(_consume(bus, publishing_worker.POSTS, *publishing, stop)),
        asyncio.create_task(_consume(bus, planning_worker.PUBLISHED_POSTS, *planning, stop)),
    ]
    try:
        yield
    finally:
        stop.set()
        await asyncio.gather(*running)
        await planning_engine.dispose()
        await publishing_engine.dispose()


async def _consume(
    bus: BusBackend,
    spec: ConsumerSpec,
    engine: AsyncEngine,
    inbox: Table,
    outbox: Table,
    source: str,
    stop: asyncio.Event,
) -> None:
    """The deployed subscription under a group of this test's own, so it reads the bus from the start."""
    mine = dataclasses.replace(spec, group=f"{spec.group}.{uuid.uuid4().hex[:8]}")
    await run_subscription(
        mine,
        backend=bus,
        sessions=make_sessions(engine),
        outbox=outbox,
        inbox=inbox,
        source=source,
        stop=stop,
        poll_timeout=0.2,
    )


async def _eventually(read: Callable[[], Awaitable[httpx.Response]], done: Callable[[Any], bool]) -> Any:
    seen: Any = None
    for _ in range(200):
        response = await read()
        if response.status_code == 200:
            seen = response.json()
            if done(seen):
                return seen
        await asyncio.sleep(0.1)
    raise AssertionError(f"never reached the expected state; last seen {seen}")


async def test_a_handed_over_item_becomes_a_draft_post_whose_publication_planning_shows(
    workers: None,
    planning_db: MigratedDatabase,
    publishing_db: MigratedDatabase,
    embedded_bus_database: MigratedDatabase,
) -> None:
    bus_url, secret = embedded_bus_database.app_url, TEST_INTERNAL_SECRET
    planning_settings = PlanningSettings(
        database_url=planning_db.app_url, bus_database_url=bus_url, internal_token_secret=secret
    )
    publishing_settings = PublishingSettings(
        database_url=publishing_db.app_url, bus_database_url=bus_url, internal_token_secret=secret, token_keys=KEY_A
    )
    async with (
        app_client(create_planning(planning_settings)) as plan,
        app_client(create_publishing(publishing_settings)) as pub,
        running_sandbox() as sandbox,
    ):
        # Planning: the brand, known to publishing through the bus; an item planned, made and handed over.
        body = {"name": "Maison Lumière", "timezone": "Europe/Paris", "languages": ["fr"]}
        brand = (await plan.post("/brands", json=body, headers=SMM)).json()["id"]
        await _eventually(lambda: pub.get(f"/brands/{brand}", headers=SMM), lambda b: b["timezone"] == "Europe/Paris")
        plan_item = {
            "title": "Spring collection",
            "brief": "Spring is here.",
            "channels": ["mastodon"],
            "planned_local": "2027-03-02T10:00:00",
        }
        item = (await plan.post(f"/brands/{brand}/content-items", json=plan_item, headers=SMM)).json()
        path = f"/brands/{brand}/content-items/{item['id']}"
        for status in ("planned", "in_production", "ready"):
            moved = await plan.post(f"{path}/status", json={"status": status}, headers=CM)
            assert moved.status_code == 200, moved.text
        assert (await plan.post(f"{path}/hand-over", headers=CM)).json()["status"] == "handed_over"

        # Publishing's consumer made the draft; planning's consumer recorded it on the item.
        linked = await _eventually(lambda: plan.get(path, headers=SMM), lambda i: i["post_id"] is not None)
        assert linked["status"] == "handed_over"
        post_id = linked["post_id"]
        draft = (await pub.get(f"/posts/{post_id}", headers=CM)).json()
        assert (draft["state"], draft["content_item_id"]) == ("draft", item["id"])
        assert [(v["network"], v["text"]) for v in draft["variants"]] == [("mastodon", "Spring is here.")]

        # A person connects the brand's account and finishes the draft on it (the sandbox network stands in for
        # the planned mastodon account), has it approved (the brand's default policy: internal) and schedules it.
        token = {"network": "sandbox", "secret": "sandbox-token", "account": "lumiere"}
        channel = (await pub.post(f"/brands/{brand}/channels/token", json=token, headers=SMM)).json()["id"]
        variant = {"network": "sandbox", "channel_id": channel, "text": "Spring is here."}
        edited = await pub.patch(f"/posts/{post_id}", json={"variants": [variant]}, headers=CM)
        assert edited.status_code == 200, edited.text
        assert (await pub.post(f"/posts/{post_id}/submit", headers=CM)).json()["state"] == "pending_approval"
        assert (await pub.post(f"/posts/{post_id}/approve", headers=SMM)).json()["state"] == "approved"
        now = {"timing": "now"}
        assert (await pub.post(f"/posts/{post_id}/schedule", json=now, headers=CM)).json()["state"] == "scheduled"

        # A dispatcher replica, as the publishing worker runs it, puts the post live and reports it to the post.
        engine = make_engine(publishing_db.app_url)
        connector = SandboxConnector(sandbox.base_url)
        replica = Dispatcher(
            make_sessions(engine),
            connectors={"sandbox": connector},
            channels=Channels(key_ring(publishing_settings)),
            config=DispatchConfig(poll_s=0.05, sweep_s=0.2),
        )
        stop = asyncio.Event()
        dispatching = asyncio.create_task(replica.run(stop))
        try:
            sent = await _eventually(
                lambda: pub.get(f"/posts/{post_id}", headers=CM), lambda p: p["state"] == "published"
            )
        finally:
            stop.set()
            await dispatching
            await connector.aclose()
            await engine.dispose()
        assert [p.text for p in sandbox.network.posts.values()] == ["Spring is here."]
        live = sent["variants"][0]

        # Publishing's post.published reached planning: the item reads published, with the post's address.
        done = await _eventually(lambda: plan.get(path, headers=SMM), lambda i: i["status"] == "published")
        assert (done["post_id"], done["network_post_url"]) == (post_id, live["url"])
        assert done["published_at"] is not None
