"""A service's worker process: the outbox relay plus one consumer per subscription, all stopped together."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.bus import BusBackend
from chorus_shared.messaging.consumer import run_consumer
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.messaging.inbox import IdempotentHandler
from chorus_shared.messaging.outbox_relay import OutboxRelay
from chorus_shared.observability.logging import configure_logging
from chorus_shared.runtime.bus import make_backend
from chorus_shared.runtime.entrypoint import Worker
from chorus_shared.settings import ChorusSettings

log = logging.getLogger(__name__)

EventHandler = Callable[[UnitOfWork, CloudEvent], Awaitable[None]]


@dataclass(frozen=True)
class ConsumerSpec:
    """One subscription: a consumer group reading topics, each event handled once (inbox) in its own transaction."""

    group: str
    topics: Sequence[str]
    handle: EventHandler


def service_worker(
    settings: ChorusSettings, *, outbox: Table, consumers: Sequence[ConsumerSpec], inbox: Table | None = None
) -> Worker:
    async def run(stop: asyncio.Event) -> None:
        configure_logging(f"{settings.service_name}-worker", settings.log_level)
        engine = make_engine(settings.database_url)
        sessions = make_sessions(engine)
        backend = make_backend(settings)
        await backend.start()
        try:
            async with asyncio.TaskGroup() as tasks:
                tasks.create_task(OutboxRelay(engine, backend, outbox=outbox).run(stop))
                for spec in consumers:
                    if inbox is None:
                        raise ValueError("a service with consumers needs an inbox table")
                    tasks.create_task(
                        run_subscription(
                            spec,
                            backend=backend,
                            sessions=sessions,
                            outbox=outbox,
                            inbox=inbox,
                            source=f"chorus.{settings.service_name}",
                            stop=stop,
                        )
                    )
        finally:
            await backend.stop()
            await engine.dispose()

    return run


async def run_subscription(
    spec: ConsumerSpec,
    *,
    backend: BusBackend,
    sessions: async_sessionmaker[AsyncSession],
    outbox: Table,
    inbox: Table,
    source: str,
    stop: asyncio.Event,
    poll_timeout: float = 1.0,
) -> None:
    """One subscription until `stop`: each event handled once (inbox), retried, then dead-lettered."""
    await backend.ensure_topics(spec.topics)
    consumer = await backend.consumer(group=spec.group, topics=spec.topics)
    handler = IdempotentHandler(
        sessions, group=spec.group, outbox=outbox, inbox=inbox, source=source, handle=spec.handle
    )
    try:
        await run_consumer(consumer, handler, backend=backend, group=spec.group, stop=stop, poll_timeout=poll_timeout)
    finally:
        await consumer.close()
