"""Contract: what is sent is what is received (key, value, headers), CloudEvents survive the trip, keys keep order."""

from __future__ import annotations

from collections import defaultdict

from chorus_shared.messaging.bus import OutgoingRecord
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.testing.bus_contract import ContractBus, receive, unique_group


async def test_a_record_arrives_with_its_key_value_and_headers(bus: ContractBus) -> None:
    topic = await bus.new_topic()
    headers = (("trace", b"abc"), ("binary", bytes([0, 255, 7])), ("trace", b"second value, same name"))
    await bus.backend.send(
        [
            OutgoingRecord(topic=topic, key=b"post-1", value=b'{"n":1}', headers=headers),
            OutgoingRecord(topic=topic, key=None, value=b"no key"),
        ]
    )

    consumer = await bus.backend.consumer(group=unique_group(), topics=[topic])
    try:
        received = await receive(consumer, 2)
    finally:
        await consumer.close()

    by_value = {m.value: m for m in received}
    keyed = by_value[b'{"n":1}']
    assert (keyed.topic, keyed.key, tuple(keyed.headers)) == (topic, b"post-1", headers)
    assert by_value[b"no key"].key is None
    assert tuple(by_value[b"no key"].headers) == ()


async def test_a_cloud_event_round_trips_through_the_bus(bus: ContractBus) -> None:
    topic = await bus.new_topic()
    event = CloudEvent(
        type="chorus.planning.post.scheduled.v1",
        source="chorus.planning",
        subject="post-42",
        tenantid="tenant-7",
        data={"post_id": "post-42", "channels": ["x", "linkedin"], "caption": "héllo ✓"},
        traceparent="00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    )
    await bus.backend.send(
        [OutgoingRecord(topic=topic, key=event.key, value=event.to_value(), headers=event.to_headers())]
    )

    consumer = await bus.backend.consumer(group=unique_group(), topics=[topic])
    try:
        [message] = await receive(consumer, 1)
    finally:
        await consumer.close()

    assert message.key == b"post-42"
    assert CloudEvent.from_message(message.headers, message.value) == event


async def test_each_key_keeps_its_order_across_many_keys_and_partitions(bus: ContractBus) -> None:
    topic = await bus.new_topic()
    keys, per_key = 40, 25
    # Interleaved: key 0 seq 0, key 1 seq 0, ..., key 0 seq 1, ... so a backend that reorders would show it.
    records = [
        OutgoingRecord(topic=topic, key=f"agg-{k}".encode(), value=f"{k}:{seq}".encode())
        for seq in range(per_key)
        for k in range(keys)
    ]
    await bus.backend.send(records)

    consumer = await bus.backend.consumer(group=unique_group(), topics=[topic])
    try:
        received = await receive(consumer, len(records), commit=False)
    finally:
        await consumer.close()

    sequences: dict[bytes, list[int]] = defaultdict(list)
    partitions_of_key: dict[bytes, set[int]] = defaultdict(set)
    for message in received:
        assert message.key is not None
        sequences[message.key].append(int(message.value.split(b":")[1]))
        partitions_of_key[message.key].add(message.partition)
    assert all(seqs == list(range(per_key)) for seqs in sequences.values()), "a key's records arrived out of order"
    assert len(sequences) == keys
    assert all(len(p) == 1 for p in partitions_of_key.values()), "a key's records were spread over partitions"
    assert len({m.partition for m in received}) > 1, "all keys landed in one partition: ordering not exercised"
