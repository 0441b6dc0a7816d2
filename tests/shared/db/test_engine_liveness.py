"""The pool hands out live connections: pinged on checkout by default, or, without the ping, replaced when the
server has closed them, at no round trip."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest
from sqlalchemy import MetaData, text
from sqlalchemy.ext.asyncio import AsyncEngine

from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase, PgServer


@pytest.fixture(scope="module")
def database(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("liveness", metadata=MetaData())


async def _backend_pid(engine: AsyncEngine) -> int:
    async with make_sessions(engine)() as session, session.begin():
        return int((await session.execute(text("SELECT pg_backend_pid()"))).scalar_one())


async def _statements_at_checkout(engine: AsyncEngine) -> list[str]:
    """The statements the driver sent outside prepared ones, for one unit of work running one statement."""
    seen: list[str] = []
    async with engine.connect() as conn:
        raw = (await conn.get_raw_connection()).driver_connection
        assert raw is not None
        raw.add_query_logger(lambda record: seen.append(record.query))
    async with make_sessions(engine)() as session, session.begin():
        await session.execute(text("SELECT 1"))
    return seen


async def test_the_default_engine_pings_each_checkout(database: MigratedDatabase) -> None:
    engine = make_engine(database.app_url, pool_size=1, max_overflow=0)
    try:
        seen = await _statements_at_checkout(engine)
    finally:
        await engine.dispose()
    assert seen == ["BEGIN;", ";", "ROLLBACK;", "BEGIN;", "COMMIT;"]


async def test_without_the_ping_a_checkout_sends_only_the_work(database: MigratedDatabase) -> None:
    engine = make_engine(database.app_url, pool_size=1, max_overflow=0, ping=False)
    try:
        seen = await _statements_at_checkout(engine)
    finally:
        await engine.dispose()
    assert seen == ["BEGIN;", "COMMIT;"]


async def test_without_the_ping_a_connection_the_server_closed_is_replaced(
    database: MigratedDatabase, pg_server: PgServer
) -> None:
    engine = make_engine(database.app_url, pool_size=1, max_overflow=0, ping=False)
    admin = await asyncpg.connect(pg_server.admin_dsn)
    try:
        first = await _backend_pid(engine)
        assert await admin.fetchval("SELECT pg_terminate_backend($1)", first)
        for _ in range(100):  # the pooled connection learns of the close from its socket
            if not await admin.fetchval("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", first):
                break
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.05)
        second = await _backend_pid(engine)  # no error: the closed connection never reached the unit of work
    finally:
        await admin.close()
        await engine.dispose()
    assert second != first
