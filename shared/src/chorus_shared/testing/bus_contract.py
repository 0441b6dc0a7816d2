"""Support for the bus contract suite (one suite, every backend): the backend under test and draining helpers."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from chorus_shared.messaging.bus import BusBackend, BusConsumer, IncomingMessage

# Every topic a contract test uses has this many partitions (and so has its `.dlq`).
PARTITIONS = 6

WAIT = 30.0  # seconds; generous because a group join plus a rebalance can take several seconds on a busy machine


@dataclass(frozen=True)
class ContractBus:
    """One backend under test, and how to get a fresh topic on it."""

    backend: BusBackend
    # Creates a fresh, empty topic and its `.dlq`, each with PARTITIONS partitions, and returns the topic name.
    new_topic: Callable[[], Awaitable[str]]


def unique_group(prefix: str = "group") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


async def receive(
    consumer: BusConsumer, count: int, *, commit: bool = True, timeout: float = WAIT
) -> list[IncomingMessage]:
    """Polls until `count` records arrived (committing each if asked); fails with what did arrive otherwise."""
    received: list[IncomingMessage] = []
    deadline = time.monotonic() + timeout
    while len(received) < count and time.monotonic() < deadline:
        batch = await consumer.poll(timeout=0.5)
        for message in batch:
            received.append(message)
            if commit:
                await consumer.commit(message)
    assert len(received) >= count, f"expected {count} records within {timeout}s, got {len(received)}"
    return received


async def wait_for(condition: Callable[[], bool], *, timeout: float = WAIT) -> None:
    """Sleeps until `condition()` is true."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


def values(messages: Sequence[IncomingMessage]) -> list[bytes]:
    return [m.value for m in messages]
