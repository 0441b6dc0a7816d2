"""Planning's brand API: creation through the outbox, field errors, roles, brand scope and tenant isolation."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from chorus_shared.auth import Role
from chorus_shared.testing.http import auth_headers, principal
from chorus_shared.testing.postgres import MigratedDatabase

AGENCY = uuid.uuid4()
OTHER_AGENCY = uuid.uuid4()
OWNER = auth_headers(principal(AGENCY, Role.OWNER))
PARIS = {"name": "Maison Lumière", "timezone": "Europe/Paris", "languages": ["fr", "en"]}


async def _create(client: httpx.AsyncClient, headers: dict[str, str] = OWNER, **changes: object) -> httpx.Response:
    return await client.post("/brands", json={**PARIS, **changes}, headers=headers)


async def test_created_brand_reads_back_and_its_event_is_in_the_outbox(
    client: httpx.AsyncClient, planning_db: MigratedDatabase
) -> None:
    created = await _create(client)
    assert created.status_code == 201, created.text
    brand = created.json()
    read = await client.get(f"/brands/{brand['id']}", headers=OWNER)
    assert read.json() == brand
    engine = create_async_engine(planning_db.owner_url)
    async with engine.connect() as conn:
        rows = (
            await conn.execute(text("SELECT event_type, key FROM outbox WHERE key = :k"), {"k": brand["id"].encode()})
        ).all()
    await engine.dispose()
    assert [row.event_type for row in rows] == ["chorus.planning.brand.created.v1"]


async def test_bad_input_gets_field_errors_and_creates_nothing(client: httpx.AsyncClient) -> None:
    before = (await client.get("/brands", headers=OWNER)).json()["items"]
    response = await _create(client, timezone="Mars/Olympus", languages=["english"])
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert {f["field"] for f in error["fields"]} == {"timezone", "languages.0"}
    assert (await client.get("/brands", headers=OWNER)).json()["items"] == before


async def test_malformed_body_names_the_missing_field(client: httpx.AsyncClient) -> None:
    response = await client.post("/brands", json={"name": "No zone"}, headers=OWNER)
    assert response.status_code == 422
    assert {f["field"] for f in response.json()["error"]["fields"]} == {"timezone", "languages"}


async def test_calls_without_a_valid_internal_token_are_refused(client: httpx.AsyncClient) -> None:
    assert (await client.get("/brands")).json()["error"]["code"] == "unauthenticated"
    forged = auth_headers(principal(AGENCY, Role.OWNER), "not-the-secret-of-this-deployment-xx")
    response = await client.get("/brands", headers=forged)
    assert response.status_code == 401


async def test_a_community_manager_cannot_create_or_rename_brands(client: httpx.AsyncClient) -> None:
    brand = (await _create(client)).json()
    cm = auth_headers(principal(AGENCY, Role.COMMUNITY_MANAGER))
    assert (await _create(client, headers=cm)).status_code == 403
    renamed = await client.patch(f"/brands/{brand['id']}", json={"name": "Hijacked"}, headers=cm)
    assert renamed.status_code == 403
    assert renamed.json()["error"]["code"] == "forbidden"


async def test_a_client_user_sees_only_their_brands(client: httpx.AsyncClient) -> None:
    theirs = (await _create(client, name="Client brand")).json()
    other = (await _create(client, name="Someone else")).json()
    client_user = auth_headers(principal(AGENCY, Role.CLIENT, brands=[uuid.UUID(theirs["id"])]))
    assert (await client.get(f"/brands/{theirs['id']}", headers=client_user)).status_code == 200
    hidden = await client.get(f"/brands/{other['id']}", headers=client_user)
    assert hidden.status_code == 404
    assert hidden.json()["error"]["code"] == "brand_not_found"
    listed = (await client.get("/brands", headers=client_user)).json()["items"]
    assert [b["id"] for b in listed] == [theirs["id"]]


async def test_another_agency_cannot_read_or_change_a_brand(client: httpx.AsyncClient) -> None:
    brand = (await _create(client)).json()
    intruder = auth_headers(principal(OTHER_AGENCY, Role.OWNER))
    assert (await client.get(f"/brands/{brand['id']}", headers=intruder)).status_code == 404
    assert (await client.post(f"/brands/{brand['id']}/archive", headers=intruder)).status_code == 404
    assert (await client.get(f"/brands/{brand['id']}", headers=OWNER)).json()["archived"] is False


async def test_rename_then_archive_then_changes_are_refused(client: httpx.AsyncClient) -> None:
    brand = (await _create(client)).json()
    renamed = await client.patch(f"/brands/{brand['id']}", json={"name": "Lumière"}, headers=OWNER)
    assert renamed.json()["name"] == "Lumière"
    archived = await client.post(f"/brands/{brand['id']}/archive", headers=OWNER)
    assert archived.json()["archived"] is True
    refused = await client.patch(f"/brands/{brand['id']}", json={"name": "Again"}, headers=OWNER)
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "brand_archived")


async def test_listing_pages_with_after(client: httpx.AsyncClient) -> None:
    agency = auth_headers(principal(uuid.uuid4(), Role.OWNER))
    ids = sorted([(await _create(client, headers=agency, name=f"Brand {n}")).json()["id"] for n in range(3)])
    first = (await client.get("/brands?limit=2", headers=agency)).json()
    second = (await client.get(f"/brands?limit=2&after={first['next_after']}", headers=agency)).json()
    assert [b["id"] for b in first["items"] + second["items"]] == ids
    assert second["next_after"] is None


async def test_the_request_trace_travels_into_the_event(
    client: httpx.AsyncClient, planning_db: MigratedDatabase
) -> None:
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    headers = {**OWNER, "traceparent": f"00-{trace_id}-00f067aa0ba902b7-01", "X-Correlation-ID": "req-42"}
    created = await client.post("/brands", json=PARIS, headers=headers)
    assert created.headers["X-Correlation-ID"] == "req-42"
    engine = create_async_engine(planning_db.owner_url)
    async with engine.connect() as conn:
        stored = (
            await conn.execute(text("SELECT headers FROM outbox WHERE key = :k"), {"k": created.json()["id"].encode()})
        ).scalar_one()
    await engine.dispose()
    traceparent = dict(stored)["ce_traceparent"]
    assert traceparent.split("-")[1] == trace_id  # same trace, a new span of planning's own
