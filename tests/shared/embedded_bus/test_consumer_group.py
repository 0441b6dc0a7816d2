"""Embedded consumer groups: fair shares, hand-over when a member dies, and NOTIFY wake-ups."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable

import asyncpg

from chorus_shared.messaging.bus import IncomingMessage, OutgoingRecord
from chorus_shared.messaging.embedded_backend import EmbeddedBackend, partition_for
from chorus_shared.messaging.embedded_consumer import EmbeddedConsumer, GroupTiming
from chorus_shared.testing.postgres import MigratedDatabase


def _topic() -> str:
    return f"test.{uuid.uuid4().hex[:12]}"


async def _poll_until(
    members: list[EmbeddedConsumer], done: Callable[[], bool], *, timeout: float = 10.0
) -> list[IncomingMessage]:
    """Poll every member together (rebalances happen in poll) until `done()` holds; returns what was read."""
    received: list[IncomingMessage] = []
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, "the group did not settle in time"
        for batch in await asyncio.gather(*(m.poll(timeout=0.1) for m in members)):
            received.extend(batch)
    return received


async def test_a_joining_member_gets_a_fair_share_and_no_partition_has_two_owners(
    embedded_backend: EmbeddedBackend,
) -> None:
    topic, group = _topic(), f"g-{uuid.uuid4().hex}"
    await embedded_backend.ensure_topics([topic], partitions=4)
    first = await embedded_backend.consumer(group=group, topics=[topic])
    await _poll_until([first], lambda: len(first.assignment) == 4)
    second = await embedded_backend.consumer(group=group, topics=[topic])

    await _poll_until([first, second], lambda: len(first.assignment) == len(second.assignment) == 2)

    assert set(first.assignment).isdisjoint(second.assignment)
    await first.close()
    await second.close()


async def test_a_member_whose_connection_dies_hands_its_uncommitted_partitions_over(
    embedded_backend: EmbeddedBackend, embedded_bus_database: MigratedDatabase
) -> None:
    topic, group = _topic(), f"g-{uuid.uuid4().hex}"
    await embedded_backend.ensure_topics([topic], partitions=4)
    await embedded_backend.send([OutgoingRecord(topic, key=f"k{i}".encode(), value=str(i).encode()) for i in range(40)])
    doomed = await embedded_backend.consumer(group=group, topics=[topic])
    survivor = await embedded_backend.consumer(group=group, topics=[topic])
    await _poll_until([doomed, survivor], lambda: len(doomed.assignment) == len(survivor.assignment) == 2)
    lost = set(doomed.assignment)

    admin = await asyncpg.connect(embedded_backend.dsn)
    await admin.execute(
        "SELECT pg_terminate_backend(backend_pid) FROM bus_member WHERE member_id = $1", doomed.member_id
    )
    await admin.close()
    taken_over = await _poll_until([survivor], lambda: len(survivor.assignment) == 4)

    assert doomed.assignment == []
    # Nothing of the dead member's partitions was committed, so the survivor reads them from the start.
    assert {(m.topic, m.partition) for m in taken_over} == lost
    assert sorted(int(m.value) for m in taken_over if (m.topic, m.partition) in lost) == sorted(
        i for i in range(40) if (topic, _partition_of(i)) in lost
    )
    await survivor.close()
    await doomed.close()


def _partition_of(i: int) -> int:
    return partition_for(f"k{i}".encode(), 4)


async def test_a_waiting_consumer_is_woken_by_notify_long_before_its_poll_interval(
    embedded_bus_database: MigratedDatabase,
) -> None:
    slow_polling = GroupTiming(poll_interval=30.0, heartbeat_interval=30.0, session_timeout=60.0)
    backend = EmbeddedBackend(embedded_bus_database.app_url, timing=slow_polling)
    await backend.start()
    topic = _topic()
    consumer = await backend.consumer(group=f"g-{uuid.uuid4().hex}", topics=[topic])
    assert await consumer.poll(timeout=0.2) == []

    async def send_soon() -> float:
        await asyncio.sleep(0.3)
        await backend.send([OutgoingRecord(topic, key=b"k", value=b"wake up")])
        return time.monotonic()

    sent_at_task = asyncio.create_task(send_soon())
    received = await consumer.poll(timeout=20.0)
    latency = time.monotonic() - await sent_at_task
    await consumer.close()
    await backend.stop()

    assert [m.value for m in received] == [b"wake up"]
    assert latency < 1.0
