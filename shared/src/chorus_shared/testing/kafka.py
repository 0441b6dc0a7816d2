"""Kafka test fixtures: one real broker per test session, a started backend, fresh topics per test.

`CHORUS_TEST_KAFKA_BOOTSTRAP` points the suite at an existing broker; otherwise a throw-away local broker (KRaft,
jars from the Maven cache) is started on free ports. If it cannot start, Kafka tests are skipped locally with the
reason, and fail in CI (env `CI` set): a CI run must never go green by skipping its Kafka tests.
"""

from __future__ import annotations

import os
import socket
import tempfile
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import NoReturn

import pytest

from chorus_shared.kafka_local import KafkaLocalError, start_broker, stop_broker
from chorus_shared.messaging.kafka_backend import KafkaBackend
from chorus_shared.messaging.kafka_topics import ensure_topics

__all__ = ["NewKafkaTopic", "kafka_backend", "kafka_bootstrap", "new_kafka_topic", "unique_topic"]

NewKafkaTopic = Callable[..., Awaitable[str]]


def unique_topic(prefix: str = "test") -> str:
    """A topic name no other test (or earlier run against the same broker) uses."""
    return f"{prefix}.{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="session")
def kafka_bootstrap() -> Iterator[str]:
    external = os.environ.get("CHORUS_TEST_KAFKA_BOOTSTRAP")
    if external:
        yield external
        return
    with tempfile.TemporaryDirectory(prefix="chorus-kafka-") as tmp:
        data_dir = Path(tmp)
        port, controller_port = free_ports(2)
        try:
            broker = start_broker(port, controller_port=controller_port, data_dir=data_dir)
        except KafkaLocalError as exc:
            _unavailable(f"could not start a local Kafka broker: {exc}")
        try:
            yield broker.bootstrap
        finally:
            stop_broker(port, data_dir=data_dir)


@pytest.fixture(scope="session")
async def kafka_backend(kafka_bootstrap: str) -> AsyncIterator[KafkaBackend]:
    backend = KafkaBackend(kafka_bootstrap, client_id="chorus-tests")
    await backend.start()
    try:
        yield backend
    finally:
        await backend.stop()


@pytest.fixture
def new_kafka_topic(kafka_bootstrap: str) -> NewKafkaTopic:
    """Factory: `await new_kafka_topic(partitions=6)` creates a fresh topic and its `.dlq`, returns its name."""

    async def create(prefix: str = "test", *, partitions: int = 6) -> str:
        topic = unique_topic(prefix)
        await ensure_topics(kafka_bootstrap, [topic], partitions=partitions)
        return topic

    return create


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: Kafka tests must run, not be skipped)", pytrace=False)
    pytest.skip(reason)


def free_ports(count: int) -> list[int]:
    """`count` distinct free ports: all are held open together, so the kernel cannot hand out one twice."""
    with ExitStack() as stack:
        probes = [stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) for _ in range(count)]
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [int(probe.getsockname()[1]) for probe in probes]
