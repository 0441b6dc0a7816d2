"""Exactly one effect per event when a member leaves mid-stream and another takes over its uncommitted partitions."""

from __future__ import annotations

import asyncio
import time

from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.bus import IncomingMessage
from chorus_shared.messaging.consumer import run_consumer
from chorus_shared.messaging.embedded_consumer import EmbeddedConsumer
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.messaging.inbox import IdempotentHandler
from chorus_shared.messaging.outbox_relay import OutboxRelay
from chorus_shared.testing.event_backbone import (
    BACKBONE,
    SOURCE,
    TOPIC,
    Backbone,
    commit_renames,
    effect_counts,
    record_effect,
)

GROUP = "reporting"
EVENTS = 300


async def _settle(members: list[EmbeddedConsumer]) -> None:
    """Poll until the members split the (still empty) topic's partitions evenly."""
    deadline = time.monotonic() + 10
    while sorted(len(m.assignment) for m in members) != [3, 3]:
        assert time.monotonic() < deadline, "the group did not split the partitions"
        for batch in await asyncio.gather(*(m.poll(timeout=0.1) for m in members)):
            assert batch == []


async def test_a_member_leaving_mid_stream_hands_over_and_every_event_has_one_effect(backbone: Backbone) -> None:
    await backbone.bus.ensure_topics([TOPIC])
    leaver = await backbone.bus.consumer(group=GROUP, topics=[TOPIC])
    stayer = await backbone.bus.consumer(group=GROUP, topics=[TOPIC])
    await _settle([leaver, stayer])
    committed = await commit_renames(backbone.sessions, EVENTS, per_transaction=100)
    relay = OutboxRelay(backbone.engine, backbone.bus, outbox=BACKBONE.outbox, batch_size=EVENTS)
    assert await relay.publish_pending() == EVENTS

    handled: list[str] = []

    async def handle(uow: UnitOfWork, event: CloudEvent) -> None:
        handled.append(event.id)
        await record_effect(uow, event)

    handler = IdempotentHandler(
        backbone.sessions, group=GROUP, inbox=BACKBONE.inbox, outbox=BACKBONE.outbox, source=SOURCE, handle=handle
    )
    deliveries: list[str] = []

    async def counted(message: IncomingMessage) -> None:
        deliveries.append(CloudEvent.from_message(message.headers, message.value).id)
        await handler(message)

    # The leaver handles one poll's worth but commits only the first half of it, then leaves the group.
    read = await leaver.poll(timeout=5)
    assert read, "the leaver got nothing to work on"
    for i, message in enumerate(read):
        await counted(message)
        if i < len(read) // 2:
            await leaver.commit(message)
    await leaver.close()

    stop = asyncio.Event()
    consuming = asyncio.create_task(run_consumer(stayer, counted, backend=backbone.bus, group=GROUP, stop=stop))
    deadline = time.monotonic() + 20
    while len(set(handled)) < EVENTS:
        assert time.monotonic() < deadline, f"only {len(set(handled))} of {EVENTS} events handled"
        await asyncio.sleep(0.05)
    stop.set()
    await consuming
    await stayer.close()

    assert len(deliveries) > EVENTS  # the leaver's uncommitted messages were delivered again...
    assert sorted(handled) == sorted(committed)  # ...but each event was handled once
    assert await effect_counts(backbone.sessions) == dict.fromkeys(committed, 1)
