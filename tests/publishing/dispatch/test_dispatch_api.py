"""REST for queues and publications: slots CRUD with field errors, a post's publications with attempts and
history, move, cancel and retry; other tenants and other brands get 404."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.main import create_app
from chorus_publishing.settings import PublishingSettings
from chorus_publishing.testing.dispatch_kit import known_brand, schedule_many
from chorus_shared.auth import Role
from chorus_shared.messaging.embedded_schema import bootstrap_bus_schema
from chorus_shared.testing.http import TEST_INTERNAL_SECRET, app_client, auth_headers, principal
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase


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
