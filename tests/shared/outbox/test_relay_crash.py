"""A relay killed with SIGKILL mid-batch loses no event; the events it re-sends have one effect thanks to the inbox."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from chorus_shared.messaging.inbox import IdempotentHandler
from chorus_shared.messaging.outbox_relay import OutboxRelay
from chorus_shared.testing.event_backbone import (
    BACKBONE,
    SOURCE,
    TOPIC,
    Backbone,
    bus_event_ids,
    commit_renames,
    effect_counts,
    record_effect,
)

RELAY_PROCESS = Path(__file__).with_name("relay_process.py")
BATCH = 50


async def _start_relay_that_hangs_after(backbone: Backbone, sends: int) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        str(RELAY_PROCESS),
        backbone.service.app_url,
        backbone.bus_database.app_url,
        str(BATCH),
        str(sends),
        stdout=subprocess.PIPE,
    )


async def _published_rows(backbone: Backbone) -> int:
    async with backbone.sessions() as session:
        query = select(func.count()).where(BACKBONE.outbox.c.published_at.is_not(None))
        return int((await session.execute(query)).scalar_one())


async def test_a_relay_killed_mid_batch_loses_nothing_and_duplicates_have_one_effect(backbone: Backbone) -> None:
    committed = await commit_renames(backbone.sessions, 400, per_transaction=100)
    relay = await _start_relay_that_hangs_after(backbone, sends=3)
    assert relay.stdout is not None
    line = await asyncio.wait_for(relay.stdout.readline(), timeout=30)
    assert line.strip() == b"sent 3", "the relay process did not reach its third batch"
    relay.send_signal(signal.SIGKILL)
    await relay.wait()

    # Killed after the bus acknowledged batch 3 and before the outbox recorded it.
    assert len(await bus_event_ids(backbone.bus_database)) == 3 * BATCH
    assert await _published_rows(backbone) == 2 * BATCH

    restarted = OutboxRelay(backbone.engine, backbone.bus, outbox=BACKBONE.outbox, batch_size=BATCH)
    while await restarted.publish_pending():
        pass
    on_bus = await bus_event_ids(backbone.bus_database)
    assert set(on_bus) == set(committed)
    assert len(on_bus) == len(committed) + BATCH  # batch 3 went out twice

    handled = await _consume_everything(backbone, expected=len(on_bus))
    assert handled == len(committed) + BATCH
    assert await effect_counts(backbone.sessions) == dict.fromkeys(committed, 1)


async def _consume_everything(backbone: Backbone, *, expected: int) -> int:
    """Runs the inbox handler over every record on the bus; returns how many deliveries it saw."""
    handler = IdempotentHandler(
        backbone.sessions,
        group="effects",
        inbox=BACKBONE.inbox,
        outbox=BACKBONE.outbox,
        source=SOURCE,
        handle=record_effect,
    )
    consumer = await backbone.bus.consumer(group="effects", topics=[TOPIC])
    deliveries = 0
    try:
        while deliveries < expected:
            for message in await asyncio.wait_for(consumer.poll(timeout=1.0), timeout=30):
                await handler(message)
                await consumer.commit(message)
                deliveries += 1
    finally:
        await consumer.close()
    return deliveries
