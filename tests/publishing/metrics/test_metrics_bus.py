"""A post's published event travels outbox -> relay -> the real embedded bus -> publishing's metrics consumer
(inbox), and starts the post's metrics schedule: once, however often it is delivered."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.sandbox_server import running_sandbox
from chorus_publishing.adapters.orm import inbox, outbox
from chorus_publishing.testing.dispatch_kit import tenant_rows
from chorus_publishing.testing.metrics_kit import World, published_event, published_world
from chorus_publishing.worker import METRICS
from chorus_shared.db.engine import make_engine
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.consumer import run_consumer
from chorus_shared.messaging.embedded_backend import EmbeddedBackend
from chorus_shared.messaging.inbox import IdempotentHandler
from chorus_shared.messaging.outbox_relay import OutboxRelay
from chorus_shared.testing.postgres import MigratedDatabase

TOPIC = "chorus.publishing"


@pytest.fixture
async def metrics_consumer(
    embedded_backend: EmbeddedBackend, sessions: async_sessionmaker[AsyncSession]
) -> AsyncIterator[EmbeddedBackend]:
    """Publishing's metrics consumer (the worker's ConsumerSpec handler behind the inbox) while the test runs."""
    await embedded_backend.ensure_topics([TOPIC])
    group = f"{METRICS.group}.{uuid.uuid4().hex[:8]}"
    handler = IdempotentHandler(
        sessions, group=group, inbox=inbox, outbox=outbox, source="chorus.publishing", handle=METRICS.handle
    )
    consumer = await embedded_backend.consumer(group=group, topics=[TOPIC])
    stop = asyncio.Event()
    task = asyncio.create_task(
        run_consumer(consumer, handler, backend=embedded_backend, group=group, stop=stop, poll_timeout=0.2)
    )
    try:
        yield embedded_backend
    finally:
        stop.set()
        await task
        await consumer.close()


async def _schedules(sessions: async_sessionmaker[AsyncSession], world: World) -> list[Any]:
    sql = "SELECT status, network_post_id, next_fetch_at, published_at FROM metric_schedules WHERE post_id = :p"
    return await tenant_rows(sessions, world.tenant, sql, p=uuid.UUID(world.post))


async def test_the_published_event_over_the_bus_starts_the_posts_metrics_schedule_once(
    client: httpx.AsyncClient,
    publishing_db: MigratedDatabase,
    sessions: async_sessionmaker[AsyncSession],
    metrics_consumer: EmbeddedBackend,
) -> None:
    async with running_sandbox() as sandbox:
        connector = SandboxConnector(sandbox.base_url)
        world = await published_world(client, publishing_db, connector)
        await connector.aclose()
    published = published_event(world, hours_ago=0)
    for _ in range(2):  # the same fact told twice (a retried producer): still one schedule
        async with UnitOfWork(sessions, outbox=outbox, source="chorus.publishing", tenant_id=world.tenant) as uow:
            uow.emit(published, subject=world.post)
            await uow.commit()
    engine = make_engine(publishing_db.app_url)
    try:
        await OutboxRelay(engine, metrics_consumer, outbox=outbox).publish_pending()
    finally:
        await engine.dispose()

    for _ in range(100):
        found = await _schedules(sessions, world)
        if found:
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(0.5)  # room for the second delivery to land
    [schedule] = await _schedules(sessions, world)
    assert schedule.status == "collecting"
    assert schedule.network_post_id == world.network_post_id
    assert (schedule.next_fetch_at - schedule.published_at).total_seconds() == 3600
