"""The outbox relay: only committed events go out, in order, once per row even with two relays running."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, func, pool, select, text, update

from chorus_shared.db.migrate import sync_url
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.planning import BrandRenamedV1
from chorus_shared.messaging.embedded_backend import EmbeddedBackend
from chorus_shared.messaging.outbox_relay import OutboxRelay, outbox_notify_trigger_sql
from chorus_shared.testing.event_backbone import (
    BACKBONE,
    SOURCE,
    Backbone,
    bus_event_ids,
    bus_partition_logs,
    commit_renames,
)


def _relay(backbone: Backbone, **options: float) -> OutboxRelay:
    return OutboxRelay(backbone.engine, backbone.bus, outbox=BACKBONE.outbox, **options)  # type: ignore[arg-type]


async def _outbox_rows(backbone: Backbone) -> int:
    async with backbone.sessions() as session:
        return int((await session.execute(select(func.count()).select_from(BACKBONE.outbox))).scalar_one())


async def test_a_rolled_back_unit_of_work_emits_nothing(backbone: Backbone) -> None:
    rename = BrandRenamedV1(brand_id=uuid.uuid4(), name="new", previous_name="old")
    async with UnitOfWork(backbone.sessions, outbox=BACKBONE.outbox, source=SOURCE, tenant_id=uuid.uuid4()) as uow:
        uow.emit(rename, subject=rename.brand_id)  # never committed: the block ends without commit()
    with pytest.raises(RuntimeError, match="use case failed"):
        await _use_case_that_fails_after_emitting(backbone, rename)

    assert await _relay(backbone).publish_pending() == 0
    assert await _outbox_rows(backbone) == 0
    assert await bus_event_ids(backbone.bus_database) == []

    [committed] = await commit_renames(backbone.sessions, 1)
    assert await _relay(backbone).publish_pending() == 1
    assert await bus_event_ids(backbone.bus_database) == [committed]


async def _use_case_that_fails_after_emitting(backbone: Backbone, rename: BrandRenamedV1) -> None:
    async with UnitOfWork(backbone.sessions, outbox=BACKBONE.outbox, source=SOURCE, tenant_id=uuid.uuid4()) as uow:
        uow.emit(rename, subject=rename.brand_id)
        raise RuntimeError("use case failed")


async def test_two_relays_at_once_publish_every_row_exactly_once_in_order(backbone: Backbone) -> None:
    committed = await commit_renames(backbone.sessions, 3000, per_transaction=500)
    other_bus = EmbeddedBackend(backbone.bus_database.app_url)
    await other_bus.start()
    relays = [
        _relay(backbone, batch_size=200, poll_interval=0.05),
        OutboxRelay(backbone.engine, other_bus, outbox=BACKBONE.outbox, batch_size=200, poll_interval=0.05),
    ]
    stop = asyncio.Event()
    running = [asyncio.create_task(relay.run(stop)) for relay in relays]
    deadline = time.monotonic() + 30
    while len(await bus_event_ids(backbone.bus_database)) < len(committed) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    await asyncio.sleep(0.3)  # a relay publishing a row twice would do it now
    stop.set()
    await asyncio.gather(*running)
    await other_bus.stop()

    on_bus = await bus_event_ids(backbone.bus_database)
    assert Counter(on_bus) == Counter(committed)
    # Within a partition (and so for each key) events come out in commit order.
    position = {event_id: i for i, event_id in enumerate(committed)}
    for log in (await bus_partition_logs(backbone.bus_database)).values():
        assert log == sorted(log, key=position.__getitem__)


async def test_a_committed_event_wakes_the_relay_through_notify(backbone: Backbone) -> None:
    owner = create_engine(sync_url(backbone.service.owner_url), poolclass=pool.NullPool)
    with owner.begin() as conn:
        for statement in outbox_notify_trigger_sql():
            conn.execute(text(statement))
    owner.dispose()
    relay = _relay(backbone, poll_interval=30.0)
    stop = asyncio.Event()
    running = asyncio.create_task(relay.run(stop))
    await asyncio.sleep(0.3)  # the relay is now waiting, its next poll 30 s away

    [event_id] = await commit_renames(backbone.sessions, 1)
    committed_at = time.monotonic()
    while not await bus_event_ids(backbone.bus_database):
        assert time.monotonic() - committed_at < 2.0, "the relay was not woken by NOTIFY"
        await asyncio.sleep(0.02)
    stop.set()
    await running
    assert await bus_event_ids(backbone.bus_database) == [event_id]


async def test_purge_deletes_only_rows_published_before_the_retention(backbone: Backbone) -> None:
    await commit_renames(backbone.sessions, 30, per_transaction=10)
    relay = _relay(backbone, batch_size=20)
    assert await relay.publish_pending() == 20
    async with backbone.engine.begin() as conn:
        stale = BACKBONE.outbox.c.id.in_(select(BACKBONE.outbox.c.id).order_by(BACKBONE.outbox.c.id).limit(5))
        await conn.execute(update(BACKBONE.outbox).where(stale).values(published_at=func.now() - timedelta(days=8)))

    assert await relay.purge_published(older_than=timedelta(days=7)) == 5
    assert await _outbox_rows(backbone) == 25
    assert await relay.publish_pending() == 10
