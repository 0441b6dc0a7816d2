"""Publishing's brand freeze API: manual freeze with a reason, resume, roles, brand scope and tenant isolation."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

import chorus_publishing
from chorus_publishing.adapters.orm import outbox
from chorus_publishing.main import create_app
from chorus_publishing.service.brand_references import on_brand_event
from chorus_publishing.settings import PublishingSettings
from chorus_shared.auth import Role
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.planning import BrandCreatedV1
from chorus_shared.messaging.embedded_schema import bootstrap_bus_schema
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.testing.http import TEST_INTERNAL_SECRET, app_client, auth_headers, principal
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase

AGENCY = uuid.uuid4()
CM = auth_headers(principal(AGENCY, Role.COMMUNITY_MANAGER, subject="user-cm"))
SMM = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER, subject="user-smm"))


@pytest.fixture(scope="module")
def publishing_db(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("publishing", migrations=Path(chorus_publishing.__file__).parent / "migrations")


@pytest.fixture
async def client(publishing_db: MigratedDatabase, service_database: MakeDatabase) -> AsyncIterator[httpx.AsyncClient]:
    bus = service_database("bus")
    bootstrap_bus_schema(bus.owner_url)
    settings = PublishingSettings(
        database_url=publishing_db.app_url, bus_database_url=bus.app_url, internal_token_secret=TEST_INTERNAL_SECRET
    )
    async with app_client(create_app(settings)) as http:
        yield http


async def _known_brand(database: MigratedDatabase) -> str:
    """A brand publishing learned from planning, through its real brand event handler."""
    brand_id = uuid.uuid4()
    created = BrandCreatedV1(brand_id=brand_id, name="Kettle Co", timezone="Europe/Paris", languages=["fr"])
    event = CloudEvent(
        type=created.event_type,
        source="chorus.planning",
        subject=str(brand_id),
        tenantid=str(AGENCY),
        data=created.model_dump(mode="json"),
    )
    engine = make_engine(database.app_url)
    async with UnitOfWork(make_sessions(engine), outbox=outbox, source="tests", tenant_id=AGENCY) as uow:
        await on_brand_event(uow, event)
        await uow.commit()
    await engine.dispose()
    return str(brand_id)


async def test_a_cm_freezes_with_a_reason_and_an_smm_resumes(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await _known_brand(publishing_db)
    path = f"/brands/{brand}/freeze"
    assert (await client.get(path, headers=CM)).json()["frozen"] is False
    blank = await client.post(path, json={"reason": "  "}, headers=CM)
    assert (blank.status_code, blank.json()["error"]["fields"][0]["field"]) == (422, "reason")
    assert (await client.post(path, json={}, headers=CM)).status_code == 422

    frozen = await client.post(path, json={"reason": "Recall announced"}, headers=CM)
    shown = frozen.json()
    assert (shown["frozen"], shown["reason"], shown["source"], shown["frozen_by"]) == (
        True,
        "Recall announced",
        "manual",
        "user-cm",
    )
    assert (await client.post(path, json={"reason": "again"}, headers=CM)).json()["error"]["code"] == (
        "brand_already_frozen"
    )
    assert (await client.post(f"/brands/{brand}/resume", headers=CM)).status_code == 403
    resumed = await client.post(f"/brands/{brand}/resume", headers=SMM)
    assert (resumed.json()["frozen"], resumed.json()["resumed_by"]) == (False, "user-smm")
    assert (await client.post(f"/brands/{brand}/resume", headers=SMM)).json()["error"]["code"] == "brand_not_frozen"

    engine = create_async_engine(publishing_db.owner_url)
    async with engine.connect() as conn:
        rows = await conn.execute(
            text("SELECT event_type FROM outbox WHERE key = :k ORDER BY id"), {"k": brand.encode()}
        )
        types = [row.event_type for row in rows]
    await engine.dispose()
    assert types == ["chorus.publishing.brand.frozen.v1", "chorus.publishing.brand.resumed.v1"]


async def test_unknown_brands_other_tenants_and_other_brands_cannot_freeze(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await _known_brand(publishing_db)
    unknown = await client.post(f"/brands/{uuid.uuid4()}/freeze", json={"reason": "r"}, headers=CM)
    assert unknown.json()["error"]["code"] == "brand_not_known"
    stranger = auth_headers(principal(uuid.uuid4(), Role.OWNER))
    assert (await client.post(f"/brands/{brand}/freeze", json={"reason": "r"}, headers=stranger)).status_code == 404
    scoped_client = auth_headers(principal(AGENCY, Role.CLIENT, brands=[uuid.uuid4()]))
    assert (await client.get(f"/brands/{brand}/freeze", headers=scoped_client)).status_code == 404
    analyst = auth_headers(principal(AGENCY, Role.ANALYST))
    assert (await client.post(f"/brands/{brand}/freeze", json={"reason": "r"}, headers=analyst)).status_code == 403
    assert (await client.get(f"/brands/{brand}/freeze", headers=CM)).json()["frozen"] is False


async def test_an_agency_freeze_stops_every_brand_and_its_resume_lifts_only_its_own_freezes(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    first, second, own_crisis = [await _known_brand(publishing_db) for _ in range(3)]
    assert (await client.post(f"/brands/{own_crisis}/freeze", json={"reason": "Recall"}, headers=CM)).status_code == 200
    frozen = await client.post("/agency/freeze", json={"reason": "Agency statement pending"}, headers=CM)
    assert frozen.status_code == 200, frozen.text
    assert {first, second} <= set(frozen.json()["brand_ids"])
    assert own_crisis not in frozen.json()["brand_ids"]  # its own freeze stays as it was
    for brand in (first, second, own_crisis):
        assert (await client.get(f"/brands/{brand}/freeze", headers=CM)).json()["frozen"] is True

    assert (await client.post("/agency/resume", headers=CM)).status_code == 403  # resuming is a strategist's call
    resumed = await client.post("/agency/resume", headers=SMM)
    assert {first, second} <= set(resumed.json()["brand_ids"])
    assert (await client.get(f"/brands/{first}/freeze", headers=SMM)).json()["frozen"] is False
    assert (await client.get(f"/brands/{own_crisis}/freeze", headers=SMM)).json()["frozen"] is True


async def test_a_member_limited_to_some_brands_cannot_freeze_the_whole_agency(client: httpx.AsyncClient) -> None:
    scoped = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER, brands=[uuid.uuid4()]))
    refused = await client.post("/agency/freeze", json={"reason": "x"}, headers=scoped)
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "forbidden")
    blank = await client.post("/agency/freeze", json={"reason": ""}, headers=CM)
    assert (blank.status_code, blank.json()["error"]["fields"][0]["field"]) == (422, "reason")
