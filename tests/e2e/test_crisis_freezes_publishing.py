"""A crisis detected by listening opens one incident in planning and freezes the brand in publishing.

Everything real and in process: both services' databases, the embedded bus, the inbox consumers and planning's relay.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import create_async_engine

import chorus_planning
import chorus_publishing
from chorus_planning.adapters.orm import inbox as planning_inbox
from chorus_planning.adapters.orm import outbox as planning_outbox
from chorus_planning.main import create_app as create_planning
from chorus_planning.service.crisis_detection import on_listening_event
from chorus_planning.settings import PlanningSettings
from chorus_publishing.adapters.orm import inbox as publishing_inbox
from chorus_publishing.adapters.orm import outbox as publishing_outbox
from chorus_publishing.main import create_app as create_publishing
from chorus_publishing.service.crisis_reactions import on_crisis_event
from chorus_publishing.settings import PublishingSettings
from chorus_shared.auth import Role
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.messaging.bus import BusBackend, OutgoingRecord
from chorus_shared.messaging.contracts.listening import CrisisDetectedV1, CrisisSeverity
from chorus_shared.messaging.embedded_backend import EmbeddedBackend
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.messaging.inbox import EventHandler
from chorus_shared.messaging.outbox_relay import OutboxRelay
from chorus_shared.runtime.worker import ConsumerSpec, run_subscription
from chorus_shared.testing.embedded_bus import FAST_GROUP_TIMING
from chorus_shared.testing.http import TEST_INTERNAL_SECRET, app_client, auth_headers, principal
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase

AGENCY = uuid.uuid4()
OWNER = auth_headers(principal(AGENCY, Role.OWNER))
TOPICS = ["chorus.listening", "chorus.planning"]
PLAYBOOK = {
    "name": "Defective kettle",
    "scenario": "defective_product",
    "severity": "high",
    "trigger": {"mention_volume_threshold": 100, "window_minutes": 60, "negative_share_threshold": 0.5},
    "steps": [{"title": "Acknowledge publicly", "time_limit_minutes": 15, "owner_role": "community_manager"}],
    "freeze_publishing": True,
}


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


async def _consume(
    backend: BusBackend, database: MigratedDatabase, stop: asyncio.Event, *, service: str, handle: EventHandler
) -> None:
    engine = make_engine(database.app_url)
    inbox, outbox = (
        (planning_inbox, planning_outbox) if service == "planning" else (publishing_inbox, publishing_outbox)
    )
    spec = ConsumerSpec(group=f"{service}.crisis.{uuid.uuid4().hex[:8]}", topics=TOPICS, handle=handle)
    try:
        await run_subscription(
            spec,
            backend=backend,
            sessions=make_sessions(engine),
            outbox=outbox,
            inbox=inbox,
            source=f"chorus.{service}",
            stop=stop,
            poll_timeout=0.2,
        )
    finally:
        await engine.dispose()


def _detected(brand_id: str, reason: str) -> CloudEvent:
    now = datetime.now(UTC)
    payload = CrisisDetectedV1(
        brand_id=uuid.UUID(brand_id),
        detected_at=now,
        severity=CrisisSeverity.HIGH,
        reason=reason,
        mention_volume=420,
        negative_share=0.82,
        window_start=now - timedelta(hours=1),
        window_end=now,
    )
    return CloudEvent(
        type=payload.event_type,
        source="chorus.listening",
        subject=brand_id,
        tenantid=str(AGENCY),
        data=payload.model_dump(mode="json"),
    )


async def _send(backend: BusBackend, event: CloudEvent) -> None:
    record = OutgoingRecord("chorus.listening", event.key, event.to_value(), event.to_headers())
    await backend.send([record])


async def _eventually(client: httpx.AsyncClient, path: str, done: Any) -> Any:
    seen: Any = None
    for _ in range(150):
        response = await client.get(path, headers=OWNER)
        if response.status_code == 200:
            seen = response.json()
            if done(seen):
                return seen
        await asyncio.sleep(0.1)
    raise AssertionError(f"{path} never reached the expected state; last seen {seen}")


async def test_a_detection_opens_one_incident_and_freezes_the_brand(
    bus: BusBackend,
    planning_db: MigratedDatabase,
    publishing_db: MigratedDatabase,
    embedded_bus_database: MigratedDatabase,
) -> None:
    bus_url, secret = embedded_bus_database.app_url, TEST_INTERNAL_SECRET
    planning = create_planning(
        PlanningSettings(database_url=planning_db.app_url, bus_database_url=bus_url, internal_token_secret=secret)
    )
    publishing = create_publishing(
        PublishingSettings(database_url=publishing_db.app_url, bus_database_url=bus_url, internal_token_secret=secret)
    )
    stop = asyncio.Event()
    consumers = [
        asyncio.create_task(_consume(bus, planning_db, stop, service="planning", handle=on_listening_event)),
        asyncio.create_task(_consume(bus, publishing_db, stop, service="publishing", handle=on_crisis_event)),
    ]
    relay_engine = create_async_engine(planning_db.app_url)
    try:
        async with app_client(planning) as plan, app_client(publishing) as pub:
            brand = (
                await plan.post(
                    "/brands",
                    json={"name": "Kettle Co", "timezone": "Europe/Paris", "languages": ["fr"]},
                    headers=OWNER,
                )
            ).json()
            playbook = (await plan.post(f"/brands/{brand['id']}/crisis-playbooks", json=PLAYBOOK, headers=OWNER)).json()
            incidents = f"/brands/{brand['id']}/crisis-incidents"

            first = _detected(brand["id"], "Kettles burn hands")
            await _send(bus, first)
            await _send(bus, first)  # at-least-once: the very same event delivered twice
            page = await _eventually(plan, incidents, lambda p: len(p["items"]) == 1)
            incident = page["items"][0]
            assert incident["playbook_id"] == playbook["id"]
            assert incident["freeze_publishing"] is True
            assert [e["kind"] for e in incident["timeline"]] == ["detected", "opened"]

            freeze = await _eventually(pub, f"/brands/{brand['id']}/freeze", lambda f: f["frozen"])
            assert (freeze["source"], freeze["source_event_id"]) == ("crisis_detected", first.id)

            await _send(bus, _detected(brand["id"], "Now on the evening news"))
            one = await _eventually(plan, f"/crisis-incidents/{incident['id']}", lambda i: len(i["timeline"]) == 3)
            assert one["timeline"][-1]["kind"] == "detected"
            assert len((await plan.get(incidents, headers=OWNER)).json()["items"]) == 1

            # Planning's own opened event (freeze_publishing: true) reaches publishing too: still one freeze.
            await OutboxRelay(relay_engine, bus, outbox=planning_outbox).publish_pending()
            await asyncio.sleep(1.0)
            still = (await pub.get(f"/brands/{brand['id']}/freeze", headers=OWNER)).json()
            assert still["source_event_id"] == first.id
    finally:
        stop.set()
        await asyncio.gather(*consumers)
        await relay_engine.dispose()
