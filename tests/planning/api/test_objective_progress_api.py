"""Reporting's KPI progress reaches planning over the real (embedded) bus: shown against the target, each event
applied once, and an older computation never replaces a newer one."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from chorus_planning.adapters.orm import inbox, outbox
from chorus_planning.worker import KPI_PROGRESS
from chorus_shared.auth import Role
from chorus_shared.messaging.bus import OutgoingRecord
from chorus_shared.messaging.contracts.reporting import KpiProgressUpdatedV1
from chorus_shared.messaging.embedded_backend import EmbeddedBackend
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.testing.embedded_bus import FAST_GROUP_TIMING
from chorus_shared.testing.http import auth_headers, principal
from chorus_shared.testing.postgres import MigratedDatabase
from chorus_shared.testing.subscriptions import subscription_running

AGENCY = uuid.uuid4()
SMM = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER))
TOPIC = "chorus.reporting"
START = dt.datetime(2026, 7, 1, tzinfo=dt.UTC)


@pytest.fixture
async def bus(bus_db: MigratedDatabase) -> AsyncIterator[EmbeddedBackend]:
    backend = EmbeddedBackend(bus_db.app_url, timing=FAST_GROUP_TIMING)
    await backend.start()
    await backend.ensure_topics([TOPIC])
    try:
        yield backend
    finally:
        await backend.stop()


@pytest.fixture
async def planning_consumer(bus: EmbeddedBackend, planning_db: MigratedDatabase) -> AsyncIterator[None]:
    """Planning's worker subscription (group and handler as deployed), run in process on the bus."""
    async with subscription_running(
        KPI_PROGRESS,
        database_url=planning_db.app_url,
        backend=bus,
        outbox=outbox,
        inbox=inbox,
        source="chorus.planning",
    ):
        yield


async def _objective(client: httpx.AsyncClient) -> tuple[dict[str, object], dict[str, object]]:
    brand = {"name": f"Brand {uuid.uuid4().hex[:6]}", "timezone": "Europe/Paris", "languages": ["fr"]}
    brand_id = (await client.post("/brands", json=brand, headers=SMM)).json()["id"]
    reach = {"metric": "reach", "formula": "unique_accounts_reached", "target": "100000"}
    body = {
        "brand_id": brand_id,
        "kind": "awareness",
        "title": "Be seen",
        "period_start": "2026-07-01",
        "period_end": "2026-07-10",
        "kpis": [reach],
    }
    objective = (await client.post("/objectives", json=body, headers=SMM)).json()
    return objective, objective["kpis"][0]


def _measured(objective: dict[str, object], kpi: dict[str, object], value: str, *, day: int) -> CloudEvent:
    payload = KpiProgressUpdatedV1(
        objective_id=uuid.UUID(str(objective["id"])),
        kpi_id=uuid.UUID(str(kpi["id"])),
        brand_id=uuid.UUID(str(objective["brand_id"])),
        metric="reach",
        formula="unique_accounts_reached",
        period_start=START,
        period_end=START + dt.timedelta(days=10),
        value=value,
        target="100000",
        computed_at=START + dt.timedelta(days=day),
    )
    return CloudEvent(
        type=payload.event_type,
        source="chorus.reporting",
        subject=str(kpi["id"]),
        tenantid=str(AGENCY),
        data=payload.model_dump(mode="json"),
    )


async def _deliver(bus: EmbeddedBackend, *events: CloudEvent) -> None:
    await bus.send(
        [OutgoingRecord(topic=TOPIC, key=e.key, value=e.to_value(), headers=tuple(e.to_headers())) for e in events]
    )


async def _handled(database: MigratedDatabase, event: CloudEvent) -> None:
    """Wait until planning's inbox holds the event: its effect, if any, is committed with it."""
    engine = create_async_engine(database.owner_url)
    try:
        for _ in range(150):
            async with engine.connect() as conn:
                count = (
                    await conn.execute(text("SELECT count(*) FROM inbox WHERE event_id = :id"), {"id": event.id})
                ).scalar_one()
            if count:
                return
            await asyncio.sleep(0.1)
    finally:
        await engine.dispose()
    raise AssertionError(f"planning never handled event {event.id}")


async def _dead_lettered(bus: EmbeddedBackend, event_ids: set[str]) -> set[str]:
    """Which of `event_ids` planning gave up on (a duplicate that made the handler fail would land there)."""
    consumer = await bus.consumer(group=f"dlq-reader-{uuid.uuid4().hex[:8]}", topics=[f"{TOPIC}.dlq"])
    try:
        found = await consumer.poll(timeout=0.5)
    finally:
        await consumer.close()
    ids = {CloudEvent.from_message(m.headers, m.value).id for m in found}
    return ids & event_ids


async def _progress(client: httpx.AsyncClient, objective: dict[str, object]) -> dict[str, object] | None:
    read = (await client.get(f"/objectives/{objective['id']}", headers=SMM)).json()
    progress = read["kpis"][0]["progress"]
    return None if progress is None else dict(progress)


@pytest.mark.usefixtures("planning_consumer")
async def test_progress_is_shown_against_the_target_and_paced_over_the_period(
    client: httpx.AsyncClient, bus: EmbeddedBackend, planning_db: MigratedDatabase
) -> None:
    objective, kpi = await _objective(client)
    measured = _measured(objective, kpi, "40000", day=5)
    await _deliver(bus, measured)
    await _handled(planning_db, measured)
    progress = await _progress(client, objective)
    assert progress is not None
    assert (progress["value"], progress["percent_of_target"], progress["expected_percent"]) == (
        "40000",
        "40.00",
        "50.00",
    )
    assert progress["on_track"] is False
    assert progress["computed_at"] == "2026-07-06T00:00:00Z"


@pytest.mark.usefixtures("planning_consumer")
async def test_a_duplicate_delivery_has_one_effect_and_an_older_computation_never_wins(
    client: httpx.AsyncClient, bus: EmbeddedBackend, planning_db: MigratedDatabase
) -> None:
    objective, kpi = await _objective(client)
    newer = _measured(objective, kpi, "60000", day=6)
    older = _measured(objective, kpi, "20000", day=2)
    await _deliver(bus, newer, newer, older)
    # One partition (key = KPI id): the older event being handled means the duplicate was passed over before it.
    await _handled(planning_db, older)
    progress = await _progress(client, objective)
    assert progress is not None
    assert (progress["value"], progress["on_track"]) == ("60000", True)
    assert await _dead_lettered(bus, {newer.id, older.id}) == set()

    newest = _measured(objective, kpi, "90000", day=9)
    await _deliver(bus, newest)
    await _handled(planning_db, newest)
    assert (await _progress(client, objective) or {}).get("value") == "90000"


@pytest.mark.usefixtures("planning_consumer")
async def test_progress_for_a_removed_kpi_is_ignored(
    client: httpx.AsyncClient, bus: EmbeddedBackend, planning_db: MigratedDatabase
) -> None:
    objective, kpi = await _objective(client)
    await client.delete(f"/objectives/{objective['id']}/kpis/{kpi['id']}", headers=SMM)
    late = _measured(objective, kpi, "10", day=1)
    await _deliver(bus, late)
    await _handled(planning_db, late)
    assert (await client.get(f"/objectives/{objective['id']}", headers=SMM)).json()["kpis"] == []
