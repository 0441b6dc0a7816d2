"""Tenant isolation is enforced by PostgreSQL itself: RLS with FORCE, a runtime role that owns nothing."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import Column, MetaData, String, Table, insert, select, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

from chorus_shared.db.tenancy import set_tenant
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase, rolled_back_sessions

metadata = MetaData()
notes = Table(
    "notes",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True, default=uuid.uuid4),
    Column("tenant_id", UUID(as_uuid=True), nullable=False),
    Column("body", String, nullable=False),
)

OWNED_BY_ME = """
SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = current_user
"""

TENANT_A = uuid.uuid4()
TENANT_B = uuid.uuid4()


@pytest.fixture(scope="module")
def database(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("rls", metadata=metadata, rls_tables=["notes"])


async def _insert_as_tenant(url: str, tenant: uuid.UUID, body: str) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("SELECT set_config('app.tenant_id', :t, true)"), {"t": str(tenant)})
        await conn.execute(insert(notes).values(id=uuid.uuid4(), tenant_id=tenant, body=body))
    await engine.dispose()


async def test_a_tenant_reads_only_its_own_rows(database: MigratedDatabase) -> None:
    await _insert_as_tenant(database.app_url, TENANT_A, "a's note")
    await _insert_as_tenant(database.app_url, TENANT_B, "b's note")
    async with rolled_back_sessions(database.app_url) as sessions, sessions() as session:
        await set_tenant(session, TENANT_A)
        bodies = (await session.execute(select(notes.c.body))).scalars().all()
    assert bodies == ["a's note"]


async def test_no_tenant_set_reads_zero_rows(database: MigratedDatabase) -> None:
    await _insert_as_tenant(database.app_url, TENANT_A, "hidden")
    async with rolled_back_sessions(database.app_url) as sessions, sessions() as session:
        count = (await session.execute(text("SELECT count(*) FROM notes"))).scalar_one()
    assert count == 0


async def test_a_tenant_cannot_write_rows_for_another(database: MigratedDatabase) -> None:
    async with rolled_back_sessions(database.app_url) as sessions, sessions() as session:
        await set_tenant(session, TENANT_A)
        with pytest.raises(DBAPIError, match="row-level security"):
            await session.execute(insert(notes).values(id=uuid.uuid4(), tenant_id=TENANT_B, body="forged"))


async def test_a_tenant_cannot_update_or_delete_another_tenants_rows(database: MigratedDatabase) -> None:
    await _insert_as_tenant(database.app_url, TENANT_B, "b keeps this")
    engine = create_async_engine(database.app_url)
    async with engine.begin() as conn:
        await conn.execute(text("SELECT set_config('app.tenant_id', :t, true)"), {"t": str(TENANT_A)})
        await conn.execute(text("UPDATE notes SET body = 'overwritten'"))
        await conn.execute(text("DELETE FROM notes"))
    await engine.dispose()
    async with rolled_back_sessions(database.app_url) as sessions, sessions() as session:
        await set_tenant(session, TENANT_B)
        bodies = (await session.execute(select(notes.c.body))).scalars().all()
    assert "b keeps this" in bodies
    assert "overwritten" not in bodies


async def test_runtime_role_owns_nothing_and_cannot_bypass_rls(database: MigratedDatabase) -> None:
    engine = create_async_engine(database.app_url)
    async with engine.connect() as conn:
        role = (
            await conn.execute(text("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"))
        ).one()
        owned = (await conn.execute(text(OWNED_BY_ME))).scalar_one()
        forced = (
            await conn.execute(text("SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = 'notes'"))
        ).one()
    await engine.dispose()
    assert tuple(role) == (False, False)
    assert owned == 0
    assert tuple(forced) == (True, True)


async def test_runtime_role_cannot_change_the_schema(database: MigratedDatabase) -> None:
    engine = create_async_engine(database.app_url)
    with pytest.raises(DBAPIError, match="must be owner|permission denied"):
        async with engine.begin() as conn:
            await conn.execute(text("ALTER TABLE notes DISABLE ROW LEVEL SECURITY"))
    await engine.dispose()
