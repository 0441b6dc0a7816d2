"""Contract (through run_consumer): retries, then `<topic>.dlq` with origin headers, and the partition keeps moving."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from chorus_shared.messaging.bus import BusConsumer, IncomingMessage, OutgoingRecord, dlq_topic
from chorus_shared.messaging.consumer import Handler, run_consumer
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.messaging.retry import RetryPolicy
from chorus_shared.testing.bus_contract import ContractBus, receive, unique_group, wait_for

FAST_RETRIES = RetryPolicy(max_attempts=3, initial_backoff=0.01, max_backoff=0.05)


class FlakyHandler:
    """Fails `poison` forever and `flaky` on its first two attempts; records every attempt."""

    def __init__(self) -> None:
        self.attempts: Counter[bytes] = Counter()
        self.handled: list[bytes] = []
        self.seen: dict[bytes, IncomingMessage] = {}

    async def __call__(self, message: IncomingMessage) -> None:
        self.attempts[message.value] += 1
        self.seen[message.value] = message
        if message.value == b"poison" or (message.value == b"flaky" and self.attempts[b"flaky"] < 3):
            raise RuntimeError(f"cannot handle {message.value!r}")
        self.handled.append(message.value)


@asynccontextmanager
async def running(bus: ContractBus, topic: str, group: str, handler: Handler) -> AsyncIterator[None]:
    stop = asyncio.Event()
    consumer = await bus.backend.consumer(group=group, topics=[topic])
    task = asyncio.create_task(
        run_consumer(consumer, handler, backend=bus.backend, group=group, stop=stop, policy=FAST_RETRIES)
    )
    try:
        yield
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=10)
        await consumer.close()


async def test_a_poison_message_is_dead_lettered_with_its_origin_and_later_messages_flow(bus: ContractBus) -> None:
    topic, group = await bus.new_topic(), unique_group("runner")
    values = [b"first", b"flaky", b"poison", b"after-1", b"after-2"]
    headers = (("ce_id", b"evt-1"), ("custom", b"kept"))
    await bus.backend.send(
        [OutgoingRecord(topic=topic, key=b"one-partition", value=v, headers=headers) for v in values]
    )
    handler = FlakyHandler()

    async with running(bus, topic, group, handler):
        await wait_for(lambda: b"after-2" in handler.handled)
    dead = await _dead_letters(bus, topic, 1)

    assert handler.handled == [b"first", b"flaky", b"after-1", b"after-2"]
    assert handler.attempts[b"poison"] == FAST_RETRIES.max_attempts
    [record] = dead  # the flaky message recovered on its third attempt: only the poison is dead-lettered
    origin = dict(record.headers)
    assert (record.key, record.value) == (b"one-partition", b"poison")
    assert list(record.headers)[:2] == list(headers)
    assert origin["chorus_dlq_topic"] == topic.encode()
    assert origin["chorus_dlq_partition"] == str(handler.seen[b"poison"].partition).encode()
    assert origin["chorus_dlq_offset"] == str(handler.seen[b"poison"].offset).encode()
    assert origin["chorus_dlq_attempts"] == b"3"
    assert origin["chorus_dlq_group"] == group.encode()
    assert origin["chorus_dlq_error"] == b"RuntimeError: cannot handle b'poison'"
    assert await _first_value_for_group(bus, topic, group) == b"marker", "handled messages were not committed"


async def test_a_message_that_is_not_a_cloud_event_is_dead_lettered_without_retries(bus: ContractBus) -> None:
    topic, group = await bus.new_topic(), unique_group("runner")
    event = CloudEvent(type="chorus.planning.post.scheduled.v1", source="s", subject="p1", tenantid="t", data={})
    await bus.backend.send(
        [
            OutgoingRecord(topic=topic, key=b"p1", value=b"{not json", headers=[("ce_type", b"x")]),
            OutgoingRecord(topic=topic, key=b"p1", value=event.to_value(), headers=event.to_headers()),
        ]
    )
    decoded: list[CloudEvent] = []
    attempts = Counter[bytes]()

    async def decode(message: IncomingMessage) -> None:
        attempts[message.value] += 1
        decoded.append(CloudEvent.from_message(message.headers, message.value))

    async with running(bus, topic, group, decode):
        await wait_for(lambda: len(decoded) == 1)
    [record] = await _dead_letters(bus, topic, 1)

    assert decoded == [event]
    assert attempts[b"{not json"] == 1
    origin = dict(record.headers)
    assert origin["chorus_dlq_attempts"] == b"1"
    assert origin["chorus_dlq_error"].startswith(b"EnvelopeError: not a CloudEvent")


async def _dead_letters(bus: ContractBus, topic: str, count: int) -> list[IncomingMessage]:
    reader = await bus.backend.consumer(group=unique_group("dlq-reader"), topics=[dlq_topic(topic)])
    try:
        return await receive(reader, count)
    finally:
        await reader.close()


async def _first_value_for_group(bus: ContractBus, topic: str, group: str) -> bytes:
    """What the group reads first after a restart, once a marker is appended: the marker if all was committed."""
    await bus.backend.send([OutgoingRecord(topic=topic, key=b"one-partition", value=b"marker")])
    consumer: BusConsumer = await bus.backend.consumer(group=group, topics=[topic])
    try:
        [first, *_] = await receive(consumer, 1, commit=False)
    finally:
        await consumer.close()
    return first.value
