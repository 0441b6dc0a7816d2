"""Kafka-specific behaviour of the bus backend: topic creation, readiness, failures, commits across a rebalance."""

from __future__ import annotations

import time
from typing import Any

import pytest
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaConnectionError

from chorus_shared.messaging.bus import OutgoingRecord
from chorus_shared.messaging.kafka_backend import KafkaBackend, KafkaConsumer
from chorus_shared.messaging.kafka_topics import ensure_topics
from chorus_shared.testing.bus_contract import WAIT, receive, unique_group
from chorus_shared.testing.kafka import NewKafkaTopic, unique_topic

pytestmark = pytest.mark.kafka


async def _partition_counts(bootstrap: str, topics: list[str]) -> dict[str, int]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        described: list[dict[str, Any]] = await admin.describe_topics(topics)
    finally:
        await admin.close()
    return {t["topic"]: len(t["partitions"]) for t in described}


async def test_ensure_topics_creates_the_topic_and_its_dlq_once(kafka_bootstrap: str) -> None:
    topic = unique_topic("admin")

    created = await ensure_topics(kafka_bootstrap, [topic], partitions=4)
    again = await ensure_topics(kafka_bootstrap, [topic], partitions=12)

    assert sorted(created) == sorted([topic, f"{topic}.dlq"])
    assert again == []
    assert await _partition_counts(kafka_bootstrap, [topic, f"{topic}.dlq"]) == {topic: 4, f"{topic}.dlq": 4}


async def test_ping_answers_on_a_live_broker(kafka_backend: KafkaBackend) -> None:
    await kafka_backend.ping()


async def test_starting_against_a_closed_port_fails_fast() -> None:
    backend = KafkaBackend("127.0.0.1:9")
    started = time.monotonic()
    with pytest.raises(KafkaConnectionError):
        await backend.start()
    assert time.monotonic() - started < 10


async def test_sending_before_start_is_refused_with_a_clear_error() -> None:
    with pytest.raises(RuntimeError, match="not started"):
        await KafkaBackend("127.0.0.1:9").send([OutgoingRecord(topic="t", key=None, value=b"x")])


async def test_a_commit_after_losing_the_partition_is_harmless_and_the_new_owner_redelivers(
    kafka_backend: KafkaBackend, new_kafka_topic: NewKafkaTopic
) -> None:
    topic, group = await new_kafka_topic(partitions=6), unique_group()
    await kafka_backend.send([OutgoingRecord(topic=topic, key=f"k{i}".encode(), value=b"v%d" % i) for i in range(30)])
    first = await kafka_backend.consumer(group=group, topics=[topic])
    second: KafkaConsumer | None = None
    try:
        read = await receive(first, 30, commit=False)
        second = await kafka_backend.consumer(group=group, topics=[topic])
        await _poll_until_it_owns_fewer(first, 6)

        lost = [m for m in read if m.partition not in _owned(first)]
        for message in lost:
            await first.commit(message)  # must neither raise nor move the new owner's offsets
        redelivered = await receive(second, len(lost))
    finally:
        await first.close()
        if second is not None:
            await second.close()

    assert lost, "the rebalance moved no partition away from the first member"
    assert {m.value for m in redelivered} >= {m.value for m in lost}


def _owned(consumer: KafkaConsumer) -> set[int]:
    return {tp.partition for tp in consumer._consumer.assignment()}  # Kafka-specific peek, test only


async def _poll_until_it_owns_fewer(consumer: KafkaConsumer, partitions: int) -> None:
    deadline = time.monotonic() + WAIT
    while len(_owned(consumer)) >= partitions:
        assert time.monotonic() < deadline, "no rebalance happened after a second member joined"
        await consumer.poll(timeout=0.2)  # polling drives the member through the rebalance
