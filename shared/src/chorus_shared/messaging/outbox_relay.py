"""The outbox relay: publishes a service's outbox rows to the bus in id order, then marks them published.

At-least-once: rows are marked only after the bus acknowledged them, so a relay killed mid-batch re-sends the
unmarked rows after restart (consumers' inboxes absorb the duplicates). One relay works per database at a time:
each batch runs under a transaction-scoped advisory lock, so two relays never publish a row concurrently and one
key's events keep their order.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

from sqlalchemy import Row, Table, delete, func, select, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from chorus_shared.messaging.bus import BusBackend, OutgoingRecord

log = logging.getLogger(__name__)

OUTBOX_CHANNEL = "outbox"
_LOCK = text("SELECT pg_try_advisory_xact_lock(hashtextextended(:name, 0))")


def outbox_notify_trigger_sql(table: str = "outbox", channel: str = OUTBOX_CHANNEL) -> list[str]:
    """Statements for a migration: NOTIFY `channel` once per inserting statement, so the relay wakes at once."""
    function = f"{table}_notify_relay"
    return [
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN PERFORM pg_notify('{channel}', ''); RETURN NULL; END $$",
        f'DROP TRIGGER IF EXISTS {function} ON "{table}"',
        f'CREATE TRIGGER {function} AFTER INSERT ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION {function}()',
    ]


class OutboxRelay:
    """Moves committed events from one service's outbox to the bus."""

    def __init__(
        self,
        engine: AsyncEngine,
        backend: BusBackend,
        *,
        outbox: Table,
        batch_size: int = 500,
        poll_interval: float = 1.0,
        listen: bool = True,
        retention: timedelta = timedelta(days=7),
        purge_interval: float = 3600.0,
    ) -> None:
        self._engine = engine
        self._backend = backend
        self._outbox = outbox
        self._batch_size = batch_size
        self._poll_interval = poll_interval
        self._listen = listen
        self._retention = retention
        self._purge_interval = purge_interval
        self._wake = asyncio.Event()

    async def publish_pending(self) -> int:
        """Publish one batch; returns how many rows it published (0 if none, or if another relay holds the lock)."""
        outbox = self._outbox
        async with self._engine.begin() as conn:
            if not (await conn.execute(_LOCK, {"name": f"chorus.outbox_relay.{outbox.name}"})).scalar_one():
                return 0
            rows = (
                await conn.execute(
                    select(outbox.c.id, outbox.c.topic, outbox.c.key, outbox.c.headers, outbox.c.value)
                    .where(outbox.c.published_at.is_(None))
                    .order_by(outbox.c.id)
                    .limit(self._batch_size)
                )
            ).all()
            if not rows:
                return 0
            await self._backend.send([_record(row) for row in rows])
            await conn.execute(
                update(outbox).where(outbox.c.id.in_([row.id for row in rows])).values(published_at=func.now())
            )
        return len(rows)

    async def purge_published(self, *, older_than: timedelta | None = None) -> int:
        """Delete rows published more than `older_than` (default: the retention) ago; returns how many."""
        cutoff = func.now() - (older_than if older_than is not None else self._retention)
        async with self._engine.begin() as conn:
            result = await conn.execute(delete(self._outbox).where(self._outbox.c.published_at < cutoff))
        return int(result.rowcount)

    async def run(self, stop: asyncio.Event) -> None:
        """Publish until `stop` is set: full batches back to back, otherwise wait for a NOTIFY or the poll interval."""
        async with contextlib.AsyncExitStack() as stack:
            if self._listen:
                try:
                    await stack.enter_async_context(self._listening())
                except (OSError, SQLAlchemyError) as exc:  # polling alone still delivers, only later
                    log.warning("outbox relay cannot LISTEN, polling every %ss: %s", self._poll_interval, exc)
            next_purge = asyncio.get_running_loop().time() + self._purge_interval
            while not stop.is_set():
                self._wake.clear()
                published = 0
                try:
                    published = await self.publish_pending()
                    if asyncio.get_running_loop().time() >= next_purge:
                        next_purge += self._purge_interval
                        await self.purge_published()
                except Exception:  # the bus or the database is down: the relay stays up and retries
                    log.exception("outbox relay batch failed; retrying in %ss", self._poll_interval)
                if published < self._batch_size:
                    await _first_of(stop, self._wake, timeout=self._poll_interval)

    @contextlib.asynccontextmanager
    async def _listening(self) -> AsyncIterator[None]:
        async with self._engine.connect() as conn:
            driver = await _asyncpg_connection(conn)
            await driver.add_listener(OUTBOX_CHANNEL, self._on_notify)
            try:
                yield
            finally:
                with contextlib.suppress(Exception):
                    await driver.remove_listener(OUTBOX_CHANNEL, self._on_notify)

    def _on_notify(self, *_args: object) -> None:
        self._wake.set()


def _record(row: Row[Any, Any, Any, Any, Any]) -> OutgoingRecord:
    headers = row.headers if not isinstance(row.headers, str) else json.loads(row.headers)
    return OutgoingRecord(
        topic=row.topic,
        key=row.key,
        value=row.value,
        headers=tuple((name, value.encode()) for name, value in headers),
    )


async def _asyncpg_connection(conn: AsyncConnection) -> Any:
    raw = await conn.get_raw_connection()
    return raw.driver_connection


async def _first_of(*events: asyncio.Event, timeout: float) -> None:
    waiters = [asyncio.create_task(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
