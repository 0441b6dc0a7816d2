"""The slice in one process: a brand made in planning reaches publishing through outbox, bus and inbox.

Runs on both bus backends. The multi-process version (`chorus up`) is test_chorus_up.py.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import create_async_engine

import chorus_planning
import chorus_publishing
from chorus_planning.adapters.orm import outbox as planning_outbox
from chorus_planning.main import create_app as create_planning
from chorus_planning.settings import PlanningSettings
from chorus_publishing.adapters.orm import inbox as publishing_inbox
from chorus_publishing.adapters.orm import outbox as publishing_outbox
from chorus_publishing.main import create_app as create_publishing
from chorus_publishing.service.brand_references import on_brand_event
from chorus_publishing.settings import PublishingSettings
from chorus_shared.auth import Role
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.messaging.bus import BusBackend
from chorus_shared.messaging.consumer import run_consumer
from chorus_shared.messaging.embedded_backend import EmbeddedBackend
from chorus_shared.messaging.inbox import IdempotentHandler
from chorus_shared.messaging.kafka_backend import KafkaBackend
from chorus_shared.messaging.outbox_relay import OutboxRelay
from chorus_shared.testing.embedded_bus import FAST_GROUP_TIMING
from chorus_shared.testing.http import TEST_INTERNAL_SECRET, app_client, auth_headers, principal
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase

AGENCY = uuid.uuid4()
OWNER = auth_headers(principal(AGENCY, Role.OWNER))


@pytest.fixture(scope="module")
def planning_db(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("planning", migrations=Path(chorus_planning.__file__).parent / "migrations")


@pytest.fixture(scope="module")
def publishing_db(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("publishing", migrations=Path(chorus_publishing.__file__).parent / "migrations")


@pytest.fixture(params=["embedded", pytest.param("kafka", marks=pytest.mark.kafka)])
async def backend(request: pytest.FixtureRequest) -> AsyncIterator[BusBackend]:
    chosen: BusBackend
    if request.param == "kafka":
        chosen = KafkaBackend(request.getfixturevalue("kafka_bootstrap"), client_id="chorus-slice")
    else:
        chosen = EmbeddedBackend(request.getfixturevalue("embedded_bus_database").app_url, timing=FAST_GROUP_TIMING)
    await chosen.start()
    await chosen.ensure_topics(["chorus.planning"])
    try:
        yield chosen
    finally:
        await chosen.stop()


async def _publishing_consumer(backend: BusBackend, database: MigratedDatabase, stop: asyncio.Event) -> None:
    engine = make_engine(database.app_url)
    group = f"publishing.brands.{uuid.uuid4().hex[:8]}"
    handler = IdempotentHandler(
        make_sessions(engine),
        group=group,
        inbox=publishing_inbox,
        outbox=publishing_outbox,
        source="chorus.publishing",
        handle=on_brand_event,
    )
    consumer = await backend.consumer(group=group, topics=["chorus.planning"])
    try:
        await run_consumer(consumer, handler, backend=backend, group=group, stop=stop, poll_timeout=0.2)
    finally:
        await consumer.close()
        await engine.dispose()


async def _eventually(client: httpx.AsyncClient, path: str, expected: dict[str, object]) -> dict[str, object]:
    seen: dict[str, object] = {}
    for _ in range(150):
        response = await client.get(path, headers=OWNER)
        if response.status_code == 200:
            seen = response.json()
            if all(seen.get(k) == v for k, v in expected.items()):
                return seen
        await asyncio.sleep(0.1)
    raise AssertionError(f"publishing never showed {expected} at {path}; last seen {seen}")


async def test_brand_created_renamed_and_archived_in_planning_is_known_to_publishing(
    backend: BusBackend,
    planning_db: MigratedDatabase,
    publishing_db: MigratedDatabase,
    embedded_bus_database: MigratedDatabase,
) -> None:
    bus_url = embedded_bus_database.app_url
    planning = create_planning(
        PlanningSettings(
            database_url=planning_db.app_url, bus_database_url=bus_url, internal_token_secret=TEST_INTERNAL_SECRET
        )
    )
    publishing = create_publishing(
        PublishingSettings(
            database_url=publishing_db.app_url, bus_database_url=bus_url, internal_token_secret=TEST_INTERNAL_SECRET
        )
    )
    relay_engine = create_async_engine(planning_db.app_url)
    relay = OutboxRelay(relay_engine, backend, outbox=planning_outbox)
    stop = asyncio.Event()
    consuming = asyncio.create_task(_publishing_consumer(backend, publishing_db, stop))
    try:
        async with app_client(planning) as plan, app_client(publishing) as pub:
            body = {"name": "Maison Lumière", "timezone": "Europe/Paris", "languages": ["fr"]}
            brand = (await plan.post("/brands", json=body, headers=OWNER)).json()
            assert (await pub.get(f"/brands/{brand['id']}", headers=OWNER)).status_code == 404
            await relay.publish_pending()
            known = await _eventually(pub, f"/brands/{brand['id']}", {"name": "Maison Lumière"})
            assert known["timezone"] == "Europe/Paris"

            await plan.patch(f"/brands/{brand['id']}", json={"name": "Lumière"}, headers=OWNER)
            await plan.post(f"/brands/{brand['id']}/archive", headers=OWNER)
            await relay.publish_pending()
            await _eventually(pub, f"/brands/{brand['id']}", {"name": "Lumière", "archived": True})

            stranger = auth_headers(principal(uuid.uuid4(), Role.OWNER))
            assert (await pub.get(f"/brands/{brand['id']}", headers=stranger)).status_code == 404
    finally:
        stop.set()
        await consuming
        await relay_engine.dispose()
