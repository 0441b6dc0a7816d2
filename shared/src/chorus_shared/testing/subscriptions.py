"""A service's deployed subscription run in the test's own process, on a real bus and database."""

from __future__ import annotations

import asyncio
import dataclasses
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import Table

from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.messaging.bus import BusBackend
from chorus_shared.runtime.worker import ConsumerSpec, run_subscription


@asynccontextmanager
async def subscription_running(
    spec: ConsumerSpec, *, database_url: str, backend: BusBackend, outbox: Table, inbox: Table, source: str
) -> AsyncIterator[str]:
    """Runs `spec` (handler and topics as deployed) until the block ends; yields its group name.

    The group gets a unique suffix so a test reads the bus on its own, from the first record.
    """
    engine = make_engine(database_url)
    mine = dataclasses.replace(spec, group=f"{spec.group}.{uuid.uuid4().hex[:8]}")
    stop = asyncio.Event()
    running = asyncio.create_task(
        run_subscription(
            mine,
            backend=backend,
            sessions=make_sessions(engine),
            outbox=outbox,
            inbox=inbox,
            source=source,
            stop=stop,
            poll_timeout=0.2,
        )
    )
    try:
        yield mine.group
    finally:
        stop.set()
        await running
        await engine.dispose()
