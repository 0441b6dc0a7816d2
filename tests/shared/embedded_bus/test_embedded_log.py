"""The embedded bus log: gapless offsets in commit order under concurrent appenders, keys pinned to partitions."""

from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from datetime import timedelta

from chorus_shared.messaging.bus import IncomingMessage, OutgoingRecord
from chorus_shared.messaging.embedded_backend import EmbeddedBackend, partition_for


def _topic() -> str:
    return f"test.{uuid.uuid4().hex[:12]}"


async def test_concurrent_appenders_get_gapless_offsets_and_a_live_reader_misses_none(
    embedded_backend: EmbeddedBackend,
) -> None:
    topic = _topic()
    await embedded_backend.ensure_topics([topic], partitions=2)
    consumer = await embedded_backend.consumer(group=f"g-{uuid.uuid4().hex}", topics=[topic])
    writers, sends, per_send = 8, 20, 5
    expected = {f"{w}-{s}-{r}".encode() for w in range(writers) for s in range(sends) for r in range(per_send)}
    seen: list[IncomingMessage] = []

    async def append(writer: int) -> None:
        for s in range(sends):
            await embedded_backend.send(
                [
                    OutgoingRecord(topic, key=f"k{r}".encode(), value=f"{writer}-{s}-{r}".encode())
                    for r in range(per_send)
                ]
            )

    async def read() -> None:
        while len(seen) < len(expected):
            seen.extend(await consumer.poll(timeout=0.5))

    await asyncio.gather(*(append(w) for w in range(writers)), asyncio.wait_for(read(), timeout=30))
    await consumer.close()

    offsets: dict[int, list[int]] = defaultdict(list)
    for message in seen:
        offsets[message.partition].append(message.offset)
    assert {m.value for m in seen} == expected
    for partition_offsets in offsets.values():
        assert partition_offsets == list(range(len(partition_offsets)))


async def test_one_key_stays_on_one_partition_in_send_order(embedded_backend: EmbeddedBackend) -> None:
    topic = _topic()
    await embedded_backend.send([OutgoingRecord(topic, key=b"brand-42", value=str(i).encode()) for i in range(10)])
    await embedded_backend.send([OutgoingRecord(topic, key=b"brand-42", value=str(i).encode()) for i in range(10, 20)])
    consumer = await embedded_backend.consumer(group=f"g-{uuid.uuid4().hex}", topics=[topic])
    received = await consumer.poll(timeout=5)
    await consumer.close()

    assert [int(m.value) for m in received] == list(range(20))
    assert {m.partition for m in received} == {partition_for(b"brand-42", 6)}


def test_keys_are_partitioned_like_kafka() -> None:
    # Kafka: Utils.toPositive(Utils.murmur2("21".getBytes())) == 1173551340, so partition 1173551340 % n.
    assert partition_for(b"21", 1_000_000_007) == 1173551340 % 1_000_000_007
    assert partition_for(b"21", 6) == 1173551340 % 6


async def test_headers_and_null_keys_survive_the_round_trip(embedded_backend: EmbeddedBackend) -> None:
    topic = _topic()
    headers = (("ce_id", b"abc"), ("binary", bytes(range(256))))
    await embedded_backend.send([OutgoingRecord(topic, key=None, value=b"\x00\xff", headers=headers)])
    consumer = await embedded_backend.consumer(group=f"g-{uuid.uuid4().hex}", topics=[topic])
    [message] = await consumer.poll(timeout=5)
    await consumer.close()

    assert (message.key, message.value, tuple(message.headers)) == (None, b"\x00\xff", headers)


async def test_retention_purges_old_records_and_a_group_resumes_at_the_oldest_left(
    embedded_backend: EmbeddedBackend,
) -> None:
    topic = _topic()
    await embedded_backend.ensure_topics([topic], partitions=1)
    await embedded_backend.send([OutgoingRecord(topic, key=b"k", value=b"old")])
    await asyncio.sleep(0.3)
    await embedded_backend.send([OutgoingRecord(topic, key=b"k", value=b"new")])

    assert await embedded_backend.purge(older_than=timedelta(seconds=0.2), topics=[topic]) == 1
    consumer = await embedded_backend.consumer(group=f"g-{uuid.uuid4().hex}", topics=[topic])
    received = await consumer.poll(timeout=5)
    await consumer.close()
    assert [(m.offset, m.value) for m in received] == [(1, b"new")]
