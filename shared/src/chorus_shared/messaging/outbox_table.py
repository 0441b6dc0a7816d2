"""The transactional outbox table: events are rows written in the same transaction as the change they describe.

It is infrastructure, not tenant data: it has no RLS so that the relay can read every tenant's rows, and the
runtime role may only insert into it and mark rows published.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Index,
    LargeBinary,
    MetaData,
    String,
    Table,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_shared.db.driver import driver_connection
from chorus_shared.messaging.envelope import CloudEvent

OUTBOX_TABLE = "outbox"


def outbox_table(metadata: MetaData) -> Table:
    """Declare the outbox in a service's metadata (so its Alembic history creates it)."""
    return Table(
        OUTBOX_TABLE,
        metadata,
        Column("id", BigInteger, primary_key=True, autoincrement=True),
        Column("event_id", String(64), nullable=False, unique=True),
        Column("event_type", String(200), nullable=False),
        Column("topic", String(200), nullable=False),
        Column("key", LargeBinary, nullable=True),
        Column("headers", JSONB, nullable=False),
        Column("value", LargeBinary, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("published_at", DateTime(timezone=True), nullable=True),
        Index("ix_outbox_unpublished", "id", postgresql_where=text("published_at IS NULL")),
    )


def topic_of(event_type: str) -> str:
    """`chorus.planning.brand.created.v1` is published on `chorus.planning`."""
    return ".".join(event_type.split(".")[:2])


async def add_to_outbox(session: AsyncSession, table: Table, events: Sequence[CloudEvent]) -> None:
    """Write events as outbox rows inside the caller's transaction. The caller commits.

    One statement for the whole batch, rows numbered in the order given (the relay publishes by id, so a key's
    events keep their order): an executemany would run the insert once per event, on every batch a dispatcher or a
    consumer writes.
    """
    if not events:
        return
    driver = await driver_connection(session)  # written with every dispatched batch: see `driver_connection`
    await driver.execute(
        f"""
        INSERT INTO {table.name} (event_id, event_type, topic, key, headers, value)
        SELECT v.event_id, v.event_type, v.topic, v.key, CAST(v.headers AS jsonb), v.value
        FROM unnest(CAST($1 AS text[]), CAST($2 AS text[]), CAST($3 AS text[]), CAST($4 AS bytea[]),
                    CAST($5 AS text[]), CAST($6 AS bytea[]))
            WITH ORDINALITY AS v(event_id, event_type, topic, key, headers, value, position)
        ORDER BY v.position
        """,
        [event.id for event in events],
        [event.type for event in events],
        [topic_of(event.type) for event in events],
        [event.key for event in events],
        [json.dumps([[k, v.decode()] for k, v in event.to_headers()]) for event in events],
        [event.to_value() for event in events],
    )
