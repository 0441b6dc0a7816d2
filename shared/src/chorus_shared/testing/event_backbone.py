"""Fixtures for outbox, relay and inbox tests: a service database with an outbox, an inbox and an effects table,
and a fresh embedded bus per test so every count on the bus belongs to that test alone."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import asyncpg
import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from chorus_shared.db.base import new_metadata
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.planning import BrandRenamedV1
from chorus_shared.messaging.embedded_backend import EmbeddedBackend, asyncpg_dsn
from chorus_shared.messaging.embedded_schema import bus_metadata, decode_headers
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.messaging.inbox import inbox_table
from chorus_shared.messaging.outbox_table import outbox_table
from chorus_shared.testing.embedded_bus import FAST_GROUP_TIMING
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase

__all__ = [
    "BACKBONE",
    "Backbone",
    "ServiceTables",
    "backbone",
    "backbone_databases",
    "bus_event_ids",
    "bus_partition_logs",
    "commit_renames",
    "effect_counts",
    "record_effect",
]

SOURCE = "chorus.tests"
TOPIC = BrandRenamedV1.topic()


@dataclass(frozen=True)
class ServiceTables:
    metadata: MetaData
    outbox: Table
    inbox: Table
    # One row per handled event: duplicates here would be a double effect.
    effects: Table


def _tables() -> ServiceTables:
    metadata = new_metadata()
    effects = Table(
        "effect",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("event_id", String(64), nullable=False),
        Column("subject", String(64), nullable=False),
    )
    return ServiceTables(metadata, outbox_table(metadata), inbox_table(metadata), effects)


BACKBONE = _tables()


@dataclass(frozen=True)
class Backbone:
    """A service database (runtime role) and an empty bus."""

    service: MigratedDatabase
    bus_database: MigratedDatabase
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    bus: EmbeddedBackend


@pytest.fixture(scope="module")
def backbone_databases(service_database: MakeDatabase) -> tuple[MigratedDatabase, MigratedDatabase]:
    """A service database and a bus database per test module; `backbone` empties them before each test."""
    return service_database("svc", metadata=BACKBONE.metadata), service_database("bus", metadata=bus_metadata)


@pytest.fixture
async def backbone(backbone_databases: tuple[MigratedDatabase, MigratedDatabase]) -> AsyncIterator[Backbone]:
    service, bus_database = backbone_databases
    await _empty(service, [table.name for table in BACKBONE.metadata.sorted_tables])
    await _empty(bus_database, [table.name for table in bus_metadata.sorted_tables])
    engine = create_async_engine(service.app_url, pool_size=5)
    bus = EmbeddedBackend(bus_database.app_url, timing=FAST_GROUP_TIMING)
    await bus.start()
    try:
        yield Backbone(service, bus_database, engine, async_sessionmaker(engine, expire_on_commit=False), bus)
    finally:
        await bus.stop()
        await engine.dispose()


async def _empty(database: MigratedDatabase, tables: list[str]) -> None:
    # The runtime role may DELETE but not TRUNCATE; the tables are small.
    conn = await asyncpg.connect(asyncpg_dsn(database.app_url))
    try:
        for table in tables:
            await conn.execute(f'DELETE FROM "{table}"')
    finally:
        await conn.close()


async def commit_renames(
    sessions: async_sessionmaker[AsyncSession], count: int, *, per_transaction: int = 50, subjects: int = 20
) -> list[str]:
    """Commits `count` BrandRenamed events through units of work; returns their ids in commit order."""
    tenant, brands = uuid.uuid4(), [uuid.uuid4() for _ in range(subjects)]
    ids: list[str] = []
    for start in range(0, count, per_transaction):
        async with UnitOfWork(sessions, outbox=BACKBONE.outbox, source=SOURCE, tenant_id=tenant) as uow:
            for i in range(start, min(start + per_transaction, count)):
                brand = brands[i % subjects]
                uow.emit(BrandRenamedV1(brand_id=brand, name=f"name {i}", previous_name="old"), subject=brand)
            ids.extend(event.id for event in uow.pending_events)
            await uow.commit()
    return ids


async def record_effect(uow: UnitOfWork, event: CloudEvent) -> None:
    """The use case of the inbox tests: one effect row per handled event."""
    await uow.session.execute(insert(BACKBONE.effects).values(event_id=event.id, subject=event.subject))


async def effect_counts(sessions: async_sessionmaker[AsyncSession]) -> dict[str, int]:
    async with sessions() as session:
        rows = await session.execute(
            select(BACKBONE.effects.c.event_id, func.count()).group_by(BACKBONE.effects.c.event_id)
        )
        return {event_id: int(n) for event_id, n in rows.all()}


async def bus_event_ids(bus_database: MigratedDatabase, topic: str = TOPIC) -> list[str]:
    """Every CloudEvent id on `topic`, duplicates included, in (partition, offset) order."""
    return [event_id for _, event_id in await _bus_events(bus_database, topic)]


async def bus_partition_logs(bus_database: MigratedDatabase, topic: str = TOPIC) -> dict[int, list[str]]:
    """The CloudEvent ids of each partition of `topic`, in offset order."""
    logs: dict[int, list[str]] = {}
    for partition, event_id in await _bus_events(bus_database, topic):
        logs.setdefault(partition, []).append(event_id)
    return logs


async def _bus_events(bus_database: MigratedDatabase, topic: str) -> list[tuple[int, str]]:
    conn = await asyncpg.connect(asyncpg_dsn(bus_database.app_url))
    try:
        rows = await conn.fetch(
            'SELECT partition, headers::text AS h FROM bus_record WHERE topic = $1 ORDER BY partition, "offset"', topic
        )
    finally:
        await conn.close()
    return [(row["partition"], dict(decode_headers(row["h"]))["ce_id"].decode()) for row in rows]
