"""Contract (through run_consumer): stopping and failing to dead-letter never lose a message."""

from __future__ import annotations

import asyncio
import time

import pytest

from chorus_shared.messaging.bus import IncomingMessage, OutgoingRecord
from chorus_shared.messaging.consumer import run_consumer
from chorus_shared.messaging.kafka_backend import KafkaBackend
from chorus_shared.messaging.retry import RetryPolicy
from chorus_shared.testing.bus_contract import ContractBus, receive, unique_group, wait_for


async def _always_fails(message: IncomingMessage) -> None:
    raise RuntimeError("downstream unavailable")


async def test_stop_during_a_retry_wait_returns_promptly_and_leaves_the_message_for_later(bus: ContractBus) -> None:
    topic, group = await bus.new_topic(), unique_group("runner")
    await bus.backend.send([OutgoingRecord(topic=topic, key=b"k", value=b"retry-me")])
    attempts: list[int] = []

    async def handler(message: IncomingMessage) -> None:
        attempts.append(message.offset)
        await _always_fails(message)

    stop = asyncio.Event()
    consumer = await bus.backend.consumer(group=group, topics=[topic])
    slow = RetryPolicy(max_attempts=5, initial_backoff=60.0, max_backoff=60.0)
    task = asyncio.create_task(
        run_consumer(consumer, handler, backend=bus.backend, group=group, stop=stop, policy=slow)
    )
    try:
        await wait_for(lambda: len(attempts) == 1)
        started = time.monotonic()
        stop.set()
        await asyncio.wait_for(task, timeout=5)
        assert time.monotonic() - started < 3.0
    finally:
        await consumer.close()

    assert await _redelivered_values(bus, topic, group) == [b"retry-me"]


async def test_when_the_dead_letter_topic_cannot_be_written_the_runner_fails_and_commits_nothing(
    bus: ContractBus,
) -> None:
    topic, group = await bus.new_topic(), unique_group("runner")
    await bus.backend.send([OutgoingRecord(topic=topic, key=b"k", value=b"poison")])
    # A backend that was never started: every send raises, like a bus that is down.
    unreachable = KafkaBackend("127.0.0.1:9")
    consumer = await bus.backend.consumer(group=group, topics=[topic])
    try:
        with pytest.raises(RuntimeError, match="not started"):
            await asyncio.wait_for(
                run_consumer(
                    consumer,
                    _always_fails,
                    backend=unreachable,
                    group=group,
                    stop=asyncio.Event(),
                    policy=RetryPolicy(max_attempts=1),
                ),
                timeout=30,
            )
    finally:
        await consumer.close()

    assert await _redelivered_values(bus, topic, group) == [b"poison"]


async def _redelivered_values(bus: ContractBus, topic: str, group: str) -> list[bytes]:
    again = await bus.backend.consumer(group=group, topics=[topic])
    try:
        return [m.value for m in await receive(again, 1, commit=False)]
    finally:
        await again.close()
