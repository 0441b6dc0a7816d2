"""REST for queues and publications: slots CRUD with field errors, a post's publications with attempts and
history, move, cancel and retry; other tenants and other brands get 404. A publication whose request has left cannot
be cancelled; one whose claim ran out before it started can."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.dispatch_queue import DispatchQueue
from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.domain.rate_limits import NetworkLimits
from chorus_publishing.main import create_app
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_publishing.service.dispatch_start import start_batch
from chorus_publishing.settings import PublishingSettings
from chorus_publishing.testing.dispatch_kit import SandboxChannels, known_brand, schedule_many, uow_for
from chorus_shared.auth import Principal, Role
from chorus_shared.messaging.embedded_schema import bootstrap_bus_schema
from chorus_shared.testing.http import TEST_INTERNAL_SECRET, app_client, auth_headers, principal
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase


def community_manager(tenant: uuid.UUID) -> Principal:
    return principal(tenant, Role.COMMUNITY_MANAGER)


@pytest.fixture
async def client(publishing_db: MigratedDatabase, service_database: MakeDatabase) -> AsyncIterator[httpx.AsyncClient]:
    bus = service_database("bus")
    bootstrap_bus_schema(bus.owner_url)
    settings = PublishingSettings(
        database_url=publishing_db.app_url, bus_database_url=bus.app_url, internal_token_secret=TEST_INTERNAL_SECRET
    )
    async with app_client(create_app(settings)) as http:
        yield http


async def test_slots_are_listed_added_and_removed_with_field_errors_and_scope(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    tenant, channel = uuid.uuid4(), uuid.uuid4()
    brand = await known_brand(sessions, tenant)
    cm = auth_headers(principal(tenant, Role.COMMUNITY_MANAGER))
    path = f"/channels/{channel}/slots"
    bad = await client.post(path, json={"brand_id": str(brand), "weekday": 9, "time": "09:00"}, headers=cm)
    assert (bad.status_code, [f["field"] for f in bad.json()["error"]["fields"]]) == (422, ["weekday"])
    made = await client.post(path, json={"brand_id": str(brand), "weekday": 0, "time": "09:30"}, headers=cm)
    assert made.status_code == 201
    again = await client.post(path, json={"brand_id": str(brand), "weekday": 0, "time": "09:30"}, headers=cm)
    assert again.json()["error"]["code"] == "time_slot_taken"
    assert [s["time"] for s in (await client.get(path, headers=cm)).json()["items"]] == ["09:30:00"]
    stranger = auth_headers(principal(uuid.uuid4(), Role.OWNER))
    assert (await client.get(path, headers=stranger)).json()["items"] == []
    slot = made.json()["id"]
    assert (await client.delete(f"{path}/{slot}", headers=stranger)).status_code == 404
    assert (await client.delete(f"{path}/{slot}", headers=cm)).status_code == 204


async def test_a_posts_publications_move_cancel_and_refuse_a_retry_they_do_not_need(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    tenant = uuid.uuid4()
    brand = await known_brand(sessions, tenant)
    [publication] = await schedule_many(sessions, tenant, brand, [uuid.uuid4()], 1)
    cm = auth_headers(principal(tenant, Role.COMMUNITY_MANAGER))
    shown = (await client.get(f"/posts/{publication.post_id}/publications", headers=cm)).json()["items"]
    assert [(p["state"], [h["state"] for h in p["history"]]) for p in shown] == [("scheduled", ["scheduled"])]
    no_time = await client.post(f"/publications/{publication.id}/timing", json={"timing": "custom"}, headers=cm)
    assert (no_time.status_code, no_time.json()["error"]["fields"][0]["field"]) == (422, "at")
    no_slot = await client.post(f"/publications/{publication.id}/timing", json={"timing": "queue"}, headers=cm)
    assert no_slot.json()["error"]["code"] == "no_free_slot"
    retry = await client.post(f"/publications/{publication.id}/retry", headers=cm)
    assert retry.json()["error"]["code"] == "publication_not_retryable"
    other_brand = auth_headers(principal(tenant, Role.CLIENT, brands=[uuid.uuid4()]))
    assert (await client.post(f"/publications/{publication.id}/cancel", headers=other_brand)).status_code in (403, 404)
    analyst = auth_headers(principal(tenant, Role.ANALYST))
    assert (await client.post(f"/publications/{publication.id}/cancel", headers=analyst)).status_code == 403
    cancelled = await client.post(f"/publications/{publication.id}/cancel", headers=cm)
    assert cancelled.json()["state"] == "cancelled"
    assert (await client.get(f"/posts/{publication.post_id}/publications", headers=other_brand)).json()["items"] == []


async def _claim(sessions: async_sessionmaker[AsyncSession], *, lease_s: float) -> None:
    async with sessions() as session, session.begin():
        assert await DispatchQueue(session).claim(
            from_phase="due", to_phase="claimed", owner="w", limit=10, lease_s=lease_s
        )


async def _queue_phases(sessions: async_sessionmaker[AsyncSession], publication_id: uuid.UUID) -> list[str]:
    async with sessions() as session:
        rows = await session.execute(
            text("SELECT phase FROM dispatch_queue WHERE publication_id = :p"), {"p": publication_id}
        )
        return [row.phase for row in rows]


async def test_a_publication_whose_request_has_left_cannot_be_cancelled(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    tenant = uuid.uuid4()
    brand = await known_brand(sessions, tenant)
    [publication] = await schedule_many(sessions, tenant, brand, [uuid.uuid4()], 1)
    await _claim(sessions, lease_s=120)
    async with uow_for(sessions, tenant) as uow:
        jobs = await start_batch(
            uow,
            [publication.id],
            owner="w",
            config=DispatchConfig(limits={"sandbox": NetworkLimits(99, 60)}),
            connectors={"sandbox": SandboxConnector("http://127.0.0.1:9")},  # starting calls no network
            channels=SandboxChannels(),
        )
        await uow.commit()
    assert [j.candidate.id for j in jobs] == [publication.id]

    cm = auth_headers(community_manager(tenant))
    refused = await client.post(f"/publications/{publication.id}/cancel", headers=cm)
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "publication_not_reschedulable")
    assert await _queue_phases(sessions, publication.id) == ["claimed"]  # still held by its sender


async def test_a_claim_that_ran_out_before_starting_can_still_be_cancelled_and_is_never_sent(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    tenant = uuid.uuid4()
    brand = await known_brand(sessions, tenant)
    [publication] = await schedule_many(sessions, tenant, brand, [uuid.uuid4()], 1)
    await _claim(sessions, lease_s=0.1)
    await asyncio.sleep(0.2)
    async with sessions() as session, session.begin():
        assert await DispatchQueue(session).expire_leases() == 1
    assert await _queue_phases(sessions, publication.id) == ["reconcile"]

    cm = auth_headers(community_manager(tenant))
    cancelled = await client.post(f"/publications/{publication.id}/cancel", headers=cm)
    assert cancelled.json()["state"] == "cancelled"
    assert await _queue_phases(sessions, publication.id) == []  # nothing left for a dispatcher to find
