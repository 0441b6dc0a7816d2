"""Tenant isolation of identity data through the runtime role: A never reads B's members or keys."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from chorus_gateway.testing import GraphQL, NewAgency, add_member
from chorus_shared.db.engine import make_engine
from chorus_shared.testing.postgres import MigratedDatabase

TABLES = ["agencies", "users", "memberships", "api_keys", "audit_events"]


async def _count(database: MigratedDatabase, table: str, tenant: uuid.UUID | None) -> int:
    engine = make_engine(database.app_url, pool_size=1, max_overflow=0)
    try:
        async with engine.begin() as connection:
            if tenant is not None:
                await connection.execute(text("SELECT set_config('app.tenant_id', :t, true)"), {"t": str(tenant)})
            return int((await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())
    finally:
        await engine.dispose()


@pytest.mark.parametrize("table", TABLES)
async def test_the_runtime_role_sees_only_the_tenant_it_set(
    table: str, gateway_database: MigratedDatabase, new_agency: NewAgency
) -> None:
    a = await new_agency()
    await new_agency()
    stranger = uuid.uuid4()
    assert await _count(gateway_database, table, None) == 0
    assert await _count(gateway_database, table, stranger) == 0
    assert await _count(gateway_database, table, a.agency.id) >= 1


async def test_tenant_a_cannot_read_b_members_or_keys_through_the_api(gql: GraphQL, new_agency: NewAgency) -> None:
    a, b = await new_agency(), await new_agency()
    await add_member(gql, b.api_key_plaintext, role="analyst")
    query = "{ members(first: 100) { nodes { id } } apiKeys(first: 100) { nodes { id } } }"
    seen = (await gql(query, token=a.api_key_plaintext))["data"]
    assert [n["id"] for n in seen["members"]["nodes"]] == [str(a.membership.id)]
    assert [n["id"] for n in seen["apiKeys"]["nodes"]] == [str(a.api_key.id)]


async def test_tenant_a_cannot_revoke_b_key(gql: GraphQL, new_agency: NewAgency) -> None:
    a, b = await new_agency(), await new_agency()
    body = await gql(
        "mutation($id: ID!) { revokeApiKey(id: $id) { __typename } }",
        {"id": str(b.api_key.id)},
        token=a.api_key_plaintext,
    )
    assert body["data"]["revokeApiKey"]["__typename"] == "NotFound"
    assert (await gql("{ viewer { role } }", token=b.api_key_plaintext))["data"]["viewer"]["role"] == "OWNER"


async def test_the_credential_lookups_reveal_only_what_authentication_needs(
    gateway_database: MigratedDatabase, new_agency: NewAgency
) -> None:
    agency = await new_agency()
    engine = make_engine(gateway_database.app_url, pool_size=1, max_overflow=0)
    try:
        async with engine.begin() as connection:
            row = (
                await connection.execute(
                    text("SELECT * FROM gateway_api_key_candidate(:p)"), {"p": agency.api_key.prefix}
                )
            ).one()
    finally:
        await engine.dispose()
    assert set(row._mapping) == {"api_key_id", "tenant_id", "secret_hash", "revoked"}
    assert row.tenant_id == agency.agency.id
