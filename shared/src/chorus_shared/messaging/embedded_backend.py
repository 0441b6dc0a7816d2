"""The embedded bus backend: a partitioned, durable log in PostgreSQL, for single-machine deployments (`chorus up`).

Same contract as Kafka: records with one key land in one partition (Kafka's murmur2 partitioner), offsets are gapless
and visible in offset order, `send` returns once the records are committed, consumer groups commit offsets
explicitly. Tables come from `embedded_schema.bootstrap_bus_schema`; this backend runs as the runtime role.
"""

from __future__ import annotations

import itertools
import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import asyncpg
from aiokafka.partitioner import murmur2

from chorus_shared.messaging.bus import OutgoingRecord, dlq_topic
from chorus_shared.messaging.embedded_consumer import EmbeddedConsumer, GroupTiming
from chorus_shared.messaging.embedded_schema import encode_headers

NOTIFY_CHANNEL = "chorus_bus"
DEFAULT_PARTITIONS = 6

_CREATE_PARTITIONS = """
INSERT INTO bus_partition (topic, partition, next_offset)
SELECT $1, p, 0 FROM generate_series(0, $2 - 1) AS p
ON CONFLICT DO NOTHING
"""
# The row lock taken here is held until commit: it serialises appends to one partition.
_RESERVE_OFFSETS = """
UPDATE bus_partition SET next_offset = next_offset + $3
WHERE topic = $1 AND partition = $2 RETURNING next_offset - $3
"""
_APPEND = """
INSERT INTO bus_record (topic, partition, "offset", key, headers, value)
SELECT $1, $2, $3 + r.n - 1, r.key, r.headers::jsonb, r.value
FROM unnest($4::bytea[], $5::text[], $6::bytea[]) WITH ORDINALITY AS r(key, headers, value, n)
"""
_PURGE = """
DELETE FROM bus_record WHERE appended_at < now() - $1::interval AND ($2::text[] IS NULL OR topic = ANY($2))
"""


def asyncpg_dsn(url: str) -> str:
    """asyncpg wants a libpq URL: `postgresql+asyncpg://` (SQLAlchemy style) becomes `postgresql://`."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


def partition_for(key: bytes, partitions: int) -> int:
    """Kafka's default partitioner, so a key lands in the same partition on both backends."""
    return (int(murmur2(key)) & 0x7FFFFFFF) % partitions


class EmbeddedBackend:
    """One connection pool per process; each consumer adds one dedicated connection (partition locks, LISTEN)."""

    def __init__(
        self,
        url: str,
        *,
        partitions: int = DEFAULT_PARTITIONS,
        pool_size: int = 5,
        timing: GroupTiming | None = None,
    ) -> None:
        self.dsn = asyncpg_dsn(url)
        self.default_partitions = partitions
        self.timing = timing or GroupTiming()
        self._pool_size = pool_size
        self._pool: asyncpg.Pool | None = None
        self._partition_counts: dict[str, int] = {}
        self._round_robin = itertools.count()

    async def start(self) -> None:
        if self._pool is None:
            self._pool = await asyncpg.create_pool(self.dsn, min_size=1, max_size=self._pool_size)

    async def stop(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            await pool.close()

    async def ping(self) -> None:
        await self._started_pool().fetchval("SELECT 1 FROM bus_partition LIMIT 1")

    async def ensure_topics(self, topics: Sequence[str], *, partitions: int | None = None) -> list[str]:
        """Creates missing topics and their `.dlq` topics; returns the names that did not exist yet."""
        created = []
        for topic in [name for t in topics for name in (t, dlq_topic(t))]:
            result = await self._started_pool().execute(
                _CREATE_PARTITIONS, topic, partitions or self.default_partitions
            )
            if result != "INSERT 0 0":
                created.append(topic)
            self._partition_counts.pop(topic, None)
        return created

    async def partition_count(self, topic: str) -> int:
        """Partitions of `topic`, creating it with the default count on first use (like Kafka's auto-create)."""
        if topic not in self._partition_counts:
            pool = self._started_pool()
            count = await pool.fetchval("SELECT count(*) FROM bus_partition WHERE topic = $1", topic)
            if not count:
                await pool.execute(_CREATE_PARTITIONS, topic, self.default_partitions)
                count = await pool.fetchval("SELECT count(*) FROM bus_partition WHERE topic = $1", topic)
            self._partition_counts[topic] = int(count)
        return self._partition_counts[topic]

    async def send(self, records: Sequence[OutgoingRecord]) -> None:
        """Appends every record in one transaction; returns once it committed."""
        if not records:
            return
        batches: dict[tuple[str, int], list[OutgoingRecord]] = defaultdict(list)
        for record in records:
            batches[(record.topic, await self._partition_of(record))].append(record)
        async with self._started_pool().acquire() as conn, conn.transaction():
            # A fixed lock order keeps concurrent multi-partition sends from deadlocking.
            for (topic, partition), batch in sorted(batches.items()):
                first = await conn.fetchval(_RESERVE_OFFSETS, topic, partition, len(batch))
                await conn.execute(
                    _APPEND,
                    topic,
                    partition,
                    first,
                    [r.key for r in batch],
                    [encode_headers(r.headers) for r in batch],
                    [r.value for r in batch],
                )
            for topic in sorted({topic for topic, _ in batches}):
                # Delivered at commit, so a woken consumer always finds the records.
                await conn.execute("SELECT pg_notify($1, $2)", NOTIFY_CHANNEL, topic)

    async def purge(self, *, older_than: timedelta, topics: Sequence[str] | None = None) -> int:
        """Time-based retention, like Kafka's `retention.ms`: delete records appended before `older_than` ago
        (in `topics`, or every topic). Offsets are never reused: a group behind the cutoff resumes at the oldest left.
        """
        result = await self._started_pool().execute(
            _PURGE,
            older_than,
            list(topics) if topics is not None else None,
        )
        return int(result.split()[-1])

    async def consumer(self, *, group: str, topics: Sequence[str]) -> EmbeddedConsumer:
        partitions = [(topic, p) for topic in sorted(set(topics)) for p in range(await self.partition_count(topic))]
        member = EmbeddedConsumer(
            self._started_pool(),
            dsn=self.dsn,
            group=group,
            topics=frozenset(topics),
            partitions=partitions,
            member_id=uuid.uuid4().hex,
            timing=self.timing,
            channel=NOTIFY_CHANNEL,
        )
        await member.join()
        return member

    async def _partition_of(self, record: OutgoingRecord) -> int:
        count = await self.partition_count(record.topic)
        if record.key is None:
            return next(self._round_robin) % count
        return partition_for(record.key, count)

    def _started_pool(self) -> Any:
        if self._pool is None:
            raise RuntimeError("EmbeddedBackend is not started: call `await backend.start()` first")
        return self._pool
