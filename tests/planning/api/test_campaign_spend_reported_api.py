"""Spend reporting imports from ad platforms reaches planning's campaigns over the real (embedded) bus: recorded once
per source reference, thresholds crossed like manual spend, and reports planning cannot take dropped without
holding back the ones behind them."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from chorus_planning.adapters.orm import inbox, outbox
from chorus_planning.worker import CAMPAIGN_SPEND
from chorus_shared.auth import Role
from chorus_shared.messaging.bus import OutgoingRecord
from chorus_shared.messaging.contracts.reporting import CampaignSpendReportedV1
from chorus_shared.messaging.embedded_backend import EmbeddedBackend
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.testing.embedded_bus import FAST_GROUP_TIMING
from chorus_shared.testing.http import auth_headers, principal
from chorus_shared.testing.postgres import MigratedDatabase
from chorus_shared.testing.subscriptions import subscription_running

AGENCY = uuid.uuid4()
SMM = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER))
TOPIC = "chorus.reporting"
THRESHOLD = "chorus.planning.campaign.budget_threshold_reached.v1"


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
async def spend_consumer(bus: EmbeddedBackend, planning_db: MigratedDatabase) -> AsyncIterator[None]:
    """Planning's worker subscription (group and handler as deployed), run in process on the bus."""
    async with subscription_running(
        CAMPAIGN_SPEND,
        database_url=planning_db.app_url,
        backend=bus,
        outbox=outbox,
        inbox=inbox,
        source="chorus.planning",
    ):
        yield


async def _campaign(client: httpx.AsyncClient) -> dict[str, str]:
    brand = {"name": f"Brand {uuid.uuid4().hex[:6]}", "timezone": "Europe/Paris", "languages": ["fr"]}
    brand_id = (await client.post("/brands", json=brand, headers=SMM)).json()["id"]
    body = {
        "brand_id": brand_id,
        "name": "Summer launch",
        "start_date": "2026-06-01",
        "end_date": "2026-06-30",
        "channels": ["instagram"],
        "budget": 10_000,
        "currency": "EUR",
        "lines": {"paid_ads": 5_000, "content_production": 3_000},
    }
    created = await client.post("/campaigns", json=body, headers=SMM)
    assert created.status_code == 201, created.text
    return {"id": created.json()["id"], "brand_id": brand_id}


def _reported(
    campaign: dict[str, str], reference: str, amount: int, *, tenant: uuid.UUID = AGENCY, **changes: object
) -> CloudEvent:
    data: dict[str, object] = {
        "campaign_id": campaign["id"],
        "brand_id": campaign["brand_id"],
        "line": "paid_ads",
        "amount_minor": amount,
        "currency": "EUR",
        "spent_on": "2026-06-10",
        "source": "meta_ads",
        "external_reference": reference,
        **changes,
    }
    payload = CampaignSpendReportedV1.model_validate(data)
    return CloudEvent(
        type=payload.event_type,
        source="chorus.reporting",
        subject=campaign["id"],
        tenantid=str(tenant),
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
                query = text("SELECT count(*) FROM inbox WHERE event_id = :id")
                if (await conn.execute(query, {"id": event.id})).scalar_one():
                    return
            await asyncio.sleep(0.1)
    finally:
        await engine.dispose()
    raise AssertionError(f"planning never handled event {event.id}")


async def _thresholds(database: MigratedDatabase, campaign_id: str) -> list[tuple[object, ...]]:
    engine = create_async_engine(database.owner_url)
    try:
        async with engine.connect() as conn:
            query = text("SELECT value FROM outbox WHERE key = :k AND event_type = :t ORDER BY id")
            rows = (await conn.execute(query, {"k": campaign_id.encode(), "t": THRESHOLD})).scalars().all()
    finally:
        await engine.dispose()
    return [(p["scope"], p["line"], p["threshold"]) for p in map(json.loads, rows)]


async def _dead_lettered(bus: EmbeddedBackend, events: list[CloudEvent]) -> set[str]:
    consumer = await bus.consumer(group=f"dlq-reader-{uuid.uuid4().hex[:8]}", topics=[f"{TOPIC}.dlq"])
    try:
        found = await consumer.poll(timeout=0.5)
    finally:
        await consumer.close()
    return {CloudEvent.from_message(m.headers, m.value).id for m in found} & {e.id for e in events}


async def test_reported_spend_is_recorded_once_per_reference_and_crosses_thresholds(
    client: httpx.AsyncClient, bus: EmbeddedBackend, planning_db: MigratedDatabase, spend_consumer: None
) -> None:
    campaign = await _campaign(client)
    first = _reported(campaign, "meta-bill-1", 4_000)
    sent_again = _reported(campaign, "meta-bill-1", 4_000)  # reporting imported the same bill again: a new event
    other_source = _reported(campaign, "meta-bill-1", 600, source="google_ads")  # same reference, another source
    last = _reported(campaign, "meta-bill-2", 400)
    await _deliver(bus, first, first, sent_again, other_source, last)
    await _handled(planning_db, last)

    spend = (await client.get(f"/campaigns/{campaign['id']}/spend", headers=SMM)).json()["items"]
    assert sorted(e["amount"] for e in spend) == [400, 600, 4_000]
    assert all(e["currency"] == "EUR" and e["spent_on"] == "2026-06-10" for e in spend)
    assert {e["note"] for e in spend} >= {"Reported by meta_ads (meta-bill-1)."}
    read = (await client.get(f"/campaigns/{campaign['id']}", headers=SMM)).json()
    assert (read["spent"], read["remaining"]) == (5_000, 5_000)
    # 4,000 of the 5,000 paid-ads line is 80%; 5,000 is 100%. The campaign is at 50%: nothing for it.
    assert await _thresholds(planning_db, campaign["id"]) == [("line", "paid_ads", 80), ("line", "paid_ads", 100)]


async def test_reports_planning_cannot_take_are_dropped_and_do_not_hold_back_the_next(
    client: httpx.AsyncClient, bus: EmbeddedBackend, planning_db: MigratedDatabase, spend_consumer: None
) -> None:
    campaign = await _campaign(client)
    poison = [
        _reported(campaign, "bill-usd", 1_000, currency="USD"),
        _reported(campaign, "bill-line", 1_000, line="influencers"),
        _reported({**campaign, "id": str(uuid.uuid4())}, "bill-nowhere", 1_000),
        _reported({**campaign, "brand_id": str(uuid.uuid4())}, "bill-brand", 1_000),
        _reported(campaign, "bill-other-agency", 1_000, tenant=uuid.uuid4()),  # RLS: not that agency's campaign
    ]
    good = _reported(campaign, "bill-ok", 1_000)
    await _deliver(bus, *poison, good)
    await _handled(planning_db, good)

    spend = (await client.get(f"/campaigns/{campaign['id']}/spend", headers=SMM)).json()["items"]
    assert [(e["amount"], e["note"]) for e in spend] == [(1_000, "Reported by meta_ads (bill-ok).")]
    assert await _dead_lettered(bus, [*poison, good]) == set()
    # Corrected at the source, the same bill in the campaign's currency is taken.
    fixed = _reported(campaign, "bill-usd", 1_000)
    await _deliver(bus, fixed)
    await _handled(planning_db, fixed)
    read = (await client.get(f"/campaigns/{campaign['id']}", headers=SMM)).json()
    assert read["spent"] == 2_000


async def test_manual_spend_is_not_a_reported_reference(client: httpx.AsyncClient) -> None:
    """Manual entries carry no reference: the same amount twice by hand is two entries (an invoice paid twice)."""
    campaign = await _campaign(client)
    body = {"line": "content_production", "amount": 100, "currency": "EUR", "spent_on": "2026-06-02"}
    for _ in range(2):
        assert (await client.post(f"/campaigns/{campaign['id']}/spend", json=body, headers=SMM)).status_code == 201
    assert (await client.get(f"/campaigns/{campaign['id']}", headers=SMM)).json()["spent"] == 200
