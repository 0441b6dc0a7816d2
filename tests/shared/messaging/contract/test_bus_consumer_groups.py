"""Contract: a group resumes from its committed offsets, and its members share partitions and hand them over."""

from __future__ import annotations

import asyncio
import time

from chorus_shared.messaging.bus import BusConsumer, IncomingMessage, OutgoingRecord
from chorus_shared.testing.bus_contract import WAIT, ContractBus, receive, unique_group, values


def _records(topic: str, label: str, count: int, *, keys: int = 1) -> list[OutgoingRecord]:
    return [
        OutgoingRecord(topic=topic, key=f"k{i % keys}".encode(), value=f"{label}-{i}".encode()) for i in range(count)
    ]


async def test_a_group_resumes_after_its_last_commit_and_redelivers_the_rest(bus: ContractBus) -> None:
    topic, group = await bus.new_topic(), unique_group()
    sent = _records(topic, "m", 10)  # one key: one partition, so "after the commit" is well defined
    await bus.backend.send(sent)

    first = await bus.backend.consumer(group=group, topics=[topic])
    try:
        received = await receive(first, 10, commit=False)
        await first.commit(received[4])  # done up to and including m-4; m-5.. were read but not committed
    finally:
        await first.close()

    second = await bus.backend.consumer(group=group, topics=[topic])
    try:
        redelivered = await receive(second, 5)
        await bus.backend.send(_records(topic, "late", 2))
        late = await receive(second, 2)
    finally:
        await second.close()

    assert values(received) == [r.value for r in sent]
    assert values(redelivered) == [f"m-{i}".encode() for i in range(5, 10)]
    assert values(late) == [b"late-0", b"late-1"]


async def test_two_members_split_the_partitions_and_a_leaver_hands_its_share_over(bus: ContractBus) -> None:
    topic, group = await bus.new_topic(), unique_group()
    stays = await bus.backend.consumer(group=group, topics=[topic])
    leaves = await bus.backend.consumer(group=group, topics=[topic])
    try:
        await _wait_until_both_share_a_round(bus, topic, stays, leaves)
    finally:
        await leaves.close()

    try:
        handover = _records(topic, "after-leave", 24, keys=24)
        await bus.backend.send(handover)
        received = await _receive_values(stays, {r.value for r in handover})
    finally:
        await stays.close()
    assert received >= {r.value for r in handover}


async def _wait_until_both_share_a_round(bus: ContractBus, topic: str, one: BusConsumer, other: BusConsumer) -> None:
    """Sends rounds over many keys until one round is split between both members on disjoint partitions."""
    deadline = time.monotonic() + WAIT
    round_no = 0
    while time.monotonic() < deadline:
        round_no += 1
        batch = _records(topic, f"round{round_no}", 24, keys=24)
        await bus.backend.send(batch)
        expected = {r.value for r in batch}
        got_one, got_other = await asyncio.gather(_poll_for(one, 3.0), _poll_for(other, 3.0))
        round_one = {m.partition for m in got_one if m.value in expected}
        round_other = {m.partition for m in got_other if m.value in expected}
        if round_one and round_other and not round_one & round_other:
            return
    raise AssertionError("the two members never split the partitions between them")


async def _poll_for(consumer: BusConsumer, seconds: float) -> list[IncomingMessage]:
    got: list[IncomingMessage] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for message in await consumer.poll(timeout=0.3):
            got.append(message)
            await consumer.commit(message)
    return got


async def _receive_values(consumer: BusConsumer, expected: set[bytes]) -> set[bytes]:
    seen: set[bytes] = set()
    deadline = time.monotonic() + WAIT
    while not expected <= seen and time.monotonic() < deadline:
        for message in await consumer.poll(timeout=0.5):
            seen.add(message.value)
            await consumer.commit(message)
    missing = expected - seen
    assert not missing, f"{len(missing)} records never reached the remaining member"
    return seen
