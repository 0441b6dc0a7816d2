"""The Kafka bus backend (aiokafka): idempotent producer, manually committed consumer groups, rebalance-safe."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from aiokafka.errors import CommitFailedError, IllegalStateError

from chorus_shared.messaging.bus import IncomingMessage, OutgoingRecord
from chorus_shared.messaging.kafka_topics import ensure_topics

log = logging.getLogger(__name__)


class KafkaBackend:
    """One producer shared by the process; one aiokafka consumer per `consumer()` call."""

    def __init__(
        self,
        bootstrap: str,
        *,
        client_id: str = "chorus",
        session_timeout_ms: int = 10_000,
        heartbeat_interval_ms: int = 1_000,
        linger_ms: int = 5,
    ) -> None:
        self.bootstrap = bootstrap
        self._client_id = client_id
        self._session_timeout_ms = session_timeout_ms
        self._heartbeat_interval_ms = heartbeat_interval_ms
        self._linger_ms = linger_ms
        self._producer: Any = None

    async def start(self) -> None:
        if self._producer is not None:
            return
        producer = AIOKafkaProducer(
            bootstrap_servers=self.bootstrap,
            client_id=self._client_id,
            enable_idempotence=True,
            acks="all",
            linger_ms=self._linger_ms,
        )
        await producer.start()
        self._producer = producer

    async def stop(self) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            await producer.stop()

    async def send(self, records: Sequence[OutgoingRecord]) -> None:
        """Returns once the broker acknowledged every record (acks=all); raises if any was not stored."""
        producer = self._started_producer()
        # Enqueue everything first so records share batches, then wait for all acknowledgements.
        acks = [await producer.send(r.topic, value=r.value, key=r.key, headers=list(r.headers)) for r in records]
        await asyncio.gather(*acks)

    async def consumer(self, *, group: str, topics: Sequence[str]) -> KafkaConsumer:
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self.bootstrap,
            client_id=f"{self._client_id}-{group}",
            group_id=group,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            session_timeout_ms=self._session_timeout_ms,
            heartbeat_interval_ms=self._heartbeat_interval_ms,
        )
        member = KafkaConsumer(consumer, group=group)
        consumer.subscribe(topics=list(topics), listener=member.rebalance_listener)
        await consumer.start()
        return member

    async def ping(self) -> None:
        """Raises unless the cluster answers a metadata request with at least one broker."""
        cluster = await asyncio.wait_for(self._started_producer().client.fetch_all_metadata(), timeout=5.0)
        if not cluster.brokers():
            raise ConnectionError(f"Kafka at {self.bootstrap} reports no live broker")

    async def ensure_topics(self, topics: Sequence[str], *, partitions: int = 6) -> list[str]:
        """Creates missing topics and their `.dlq` topics; see `kafka_topics.ensure_topics`."""
        return await ensure_topics(self.bootstrap, topics, partitions=partitions)

    def _started_producer(self) -> Any:
        if self._producer is None:
            raise RuntimeError("KafkaBackend is not started: call `await backend.start()` first")
        return self._producer


class KafkaConsumer:
    """A consumer-group member; `commit(message)` stores `offset + 1` for the message's partition.

    Commits are gathered and sent in one request at the next poll, at a rebalance and at close: one broker round
    trip per poll instead of one per partition. Handled-then-crashed messages are redelivered either way (the inbox
    absorbs them), so this changes cost, not guarantees.
    """

    def __init__(self, consumer: Any, *, group: str) -> None:
        self.group = group
        self._consumer = consumer
        # Highest offset committed per owned partition, so commits never move backwards.
        self._committed: dict[TopicPartition, int] = {}
        self._pending: dict[TopicPartition, int] = {}
        self.rebalance_listener = _ForgetRevoked(self)

    async def poll(self, *, timeout: float, max_records: int = 500) -> Sequence[IncomingMessage]:
        await self.flush_commits()
        batches = await self._consumer.getmany(timeout_ms=int(timeout * 1000), max_records=max_records)
        return [
            IncomingMessage(
                topic=r.topic,
                partition=r.partition,
                offset=r.offset,
                key=r.key,
                value=r.value if r.value is not None else b"",
                headers=tuple(r.headers),
            )
            for records in batches.values()
            for r in records
        ]

    async def commit(self, message: IncomingMessage) -> None:
        tp = TopicPartition(message.topic, message.partition)
        next_offset = message.offset + 1
        if max(self._committed.get(tp, -1), self._pending.get(tp, -1)) < next_offset:
            self._pending[tp] = next_offset

    async def flush_commits(self) -> None:
        """Send the gathered commits; a partition that moved to another member is redelivered there (inbox dedups)."""
        if not self._pending:
            return
        offsets, self._pending = self._pending, {}
        try:
            await self._consumer.commit(offsets)
        except (CommitFailedError, IllegalStateError) as exc:
            log.warning("offsets %s not committed, partitions reassigned: %s", offsets, exc)
            return
        self._committed.update(offsets)

    def forget(self, partitions: Sequence[TopicPartition]) -> None:
        for tp in partitions:
            self._committed.pop(tp, None)
            self._pending.pop(tp, None)

    async def close(self) -> None:
        await self.flush_commits()
        await self._consumer.stop()


class _ForgetRevoked(ConsumerRebalanceListener):  # type: ignore[misc]  # aiokafka ships no type hints
    """Drops what this member knew of partitions it lost, so a later owner's progress is never second-guessed."""

    def __init__(self, member: KafkaConsumer) -> None:
        self._member = member

    async def on_partitions_revoked(self, revoked: Sequence[TopicPartition]) -> None:
        # Last chance to record progress on partitions about to move; then forget them.
        await self._member.flush_commits()
        self._member.forget(revoked)

    async def on_partitions_assigned(self, assigned: Sequence[TopicPartition]) -> None:
        log.debug("assigned partitions %s", sorted(assigned))
