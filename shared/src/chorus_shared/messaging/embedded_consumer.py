"""A consumer-group member of the embedded bus: owns partitions through advisory locks, reads them in offset order.

A member owns a partition while it holds a session-level advisory lock on its dedicated connection: if the process
dies, PostgreSQL drops the connection and the lock with it, so a partition never has two readers. Members heartbeat
in `bus_member`; each takes at most its fair share (ceil(partitions / live members)) and gives back extras on its
next check, so a joining member gets work and a dead member's partitions are taken over.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg

from chorus_shared.messaging.bus import IncomingMessage
from chorus_shared.messaging.embedded_schema import decode_headers

log = logging.getLogger(__name__)

Partition = tuple[str, int]

_JOIN = """
INSERT INTO bus_member (group_id, member_id, backend_pid) VALUES ($1, $2, $3)
ON CONFLICT (group_id, member_id) DO UPDATE SET backend_pid = EXCLUDED.backend_pid, heartbeat_at = now()
"""
# A member is live while it heartbeats and the connection holding its locks still exists.
_LIVE_MEMBERS = """
SELECT count(*) FROM bus_member m
WHERE m.group_id = $1 AND m.heartbeat_at > now() - make_interval(secs => $2)
  AND EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = m.backend_pid)
"""
_FORGET_DEAD = """
DELETE FROM bus_member m
WHERE m.group_id = $1 AND (m.heartbeat_at < now() - make_interval(secs => $2 * 3)
  OR NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = m.backend_pid))
"""
_COMMITTED = "SELECT next_offset FROM bus_group_offset WHERE group_id = $1 AND topic = $2 AND partition = $3"
_COMMIT = """
INSERT INTO bus_group_offset (group_id, topic, partition, next_offset) VALUES ($1, $2, $3, $4)
ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset
WHERE bus_group_offset.next_offset < EXCLUDED.next_offset
"""
_FETCH = """
SELECT r.topic, r.partition, r."offset", r.key, r.headers::text AS headers, r.value
FROM unnest($1::text[], $2::int[], $3::bigint[]) AS o(topic, part, pos)
CROSS JOIN LATERAL (
    SELECT * FROM bus_record b
    WHERE b.topic = o.topic AND b.partition = o.part AND b."offset" >= o.pos
    ORDER BY b."offset" LIMIT $4
) r
ORDER BY r.topic, r.partition, r."offset"
"""


@dataclass(frozen=True)
class GroupTiming:
    """How often members look for records without a notification, heartbeat, and rebalance; when one is dead."""

    poll_interval: float = 1.0
    heartbeat_interval: float = 1.0
    session_timeout: float = 10.0


def _lock_key(group: str, partition: Partition) -> str:
    return f"chorus_bus|{group}|{partition[0]}|{partition[1]}"


class EmbeddedConsumer:
    """Created by `EmbeddedBackend.consumer`; call `join` before polling."""

    def __init__(
        self,
        pool: Any,
        *,
        dsn: str,
        group: str,
        topics: frozenset[str],
        partitions: Sequence[Partition],
        member_id: str,
        timing: GroupTiming,
        channel: str,
    ) -> None:
        self.group = group
        self.member_id = member_id
        self._pool = pool
        self._dsn = dsn
        self._topics = topics
        # Members start their lock attempts at different partitions so they do not all race for the first ones.
        start = zlib.crc32(member_id.encode()) % max(len(partitions), 1)
        self._partitions = [*partitions[start:], *partitions[:start]]
        self._timing = timing
        self._channel = channel
        self._conn: Any = None
        self._owned: dict[Partition, int] = {}  # owned partition -> next offset to read
        self._wake = asyncio.Event()
        self._next_rebalance = 0.0
        self._heartbeat: asyncio.Task[None] | None = None

    @property
    def assignment(self) -> list[Partition]:
        """Partitions this member owns right now."""
        return sorted(self._owned)

    async def join(self) -> None:
        await self._connect()
        self._heartbeat = asyncio.create_task(self._heartbeat_loop(), name=f"bus-heartbeat-{self.member_id}")

    async def poll(self, *, timeout: float, max_records: int = 500) -> Sequence[IncomingMessage]:
        deadline = time.monotonic() + timeout
        while True:
            if self._conn is None or self._conn.is_closed():
                await self._reconnect()
            if time.monotonic() >= self._next_rebalance:
                try:
                    await self._rebalance()
                except (OSError, asyncpg.InterfaceError, asyncpg.PostgresError) as exc:
                    # Start over from a clean slate: drop the lock connection (and every lock it may hold
                    # unrecorded); the next round reconnects.
                    log.warning("bus member %s: rebalance failed: %s", self.member_id, exc)
                    self._owned.clear()
                    self._conn.terminate()
            self._wake.clear()
            records = await self._fetch(max_records)
            remaining = deadline - time.monotonic()
            if records or remaining <= 0:
                return records
            wait = min(remaining, self._timing.poll_interval, max(self._next_rebalance - time.monotonic(), 0.01))
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=wait)
            except TimeoutError:
                pass

    async def commit(self, message: IncomingMessage) -> None:
        """Stores `offset + 1` unless the partition is no longer ours; then its new owner redelivers (inbox dedups)."""
        if (message.topic, message.partition) not in self._owned:
            log.warning(
                "offset %s of %s/%s not committed: partition reassigned",
                message.offset,
                message.topic,
                message.partition,
            )
            return
        await self._pool.execute(_COMMIT, self.group, message.topic, message.partition, message.offset + 1)

    async def close(self) -> None:
        if self._heartbeat is not None:
            self._heartbeat.cancel()
            await asyncio.gather(self._heartbeat, return_exceptions=True)
        self._owned.clear()
        try:
            if self._conn is not None and not self._conn.is_closed():
                await self._conn.close()  # releases every partition lock at once
        finally:
            await self._pool.execute(
                "DELETE FROM bus_member WHERE group_id = $1 AND member_id = $2", self.group, self.member_id
            )

    async def _connect(self) -> None:
        self._conn = await asyncpg.connect(self._dsn)
        self._conn.add_termination_listener(self._on_connection_lost)
        await self._conn.add_listener(self._channel, self._on_notify)
        await self._pool.execute(_JOIN, self.group, self.member_id, self._conn.get_server_pid())
        self._next_rebalance = 0.0

    async def _reconnect(self) -> None:
        log.warning("bus member %s lost its connection; its partitions went to other members", self.member_id)
        self._owned.clear()
        await self._connect()

    def _on_connection_lost(self, _conn: Any) -> None:
        # The locks died with the connection: from now on another member may read these partitions.
        self._owned.clear()
        self._wake.set()

    def _on_notify(self, _conn: Any, _pid: int, _channel: str, topic: str) -> None:
        if topic in self._topics:
            self._wake.set()

    async def _rebalance(self) -> None:
        self._next_rebalance = time.monotonic() + self._timing.heartbeat_interval
        live = await self._pool.fetchval(_LIVE_MEMBERS, self.group, self._timing.session_timeout)
        share = math.ceil(len(self._partitions) / max(int(live), 1))
        for partition in self.assignment[share:]:
            await self._release(partition)
        for partition in self._partitions:
            if len(self._owned) >= share:
                break
            if partition not in self._owned:
                await self._try_acquire(partition)

    async def _try_acquire(self, partition: Partition) -> None:
        key = _lock_key(self.group, partition)
        if await self._conn.fetchval("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", key):
            # Read only after locking: the previous owner's last commit is then visible.
            committed = await self._pool.fetchval(_COMMITTED, self.group, *partition)
            self._owned[partition] = int(committed or 0)

    async def _release(self, partition: Partition) -> None:
        del self._owned[partition]
        await self._conn.fetchval(
            "SELECT pg_advisory_unlock(hashtextextended($1, 0))", _lock_key(self.group, partition)
        )

    async def _fetch(self, max_records: int) -> list[IncomingMessage]:
        if not self._owned:
            return []
        owned = list(self._owned.items())
        per_partition = max(1, math.ceil(max_records / len(owned)))
        rows = await self._pool.fetch(
            _FETCH, [p[0] for p, _ in owned], [p[1] for p, _ in owned], [pos for _, pos in owned], per_partition
        )
        messages = []
        for row in rows[:max_records]:
            partition = (row["topic"], row["partition"])
            if partition not in self._owned:
                continue  # lost while fetching
            self._owned[partition] = row["offset"] + 1
            messages.append(
                IncomingMessage(
                    topic=row["topic"],
                    partition=row["partition"],
                    offset=row["offset"],
                    key=row["key"],
                    value=row["value"],
                    headers=decode_headers(row["headers"]),
                )
            )
        return messages

    async def _heartbeat_loop(self) -> None:
        while True:
            await asyncio.sleep(self._timing.heartbeat_interval)
            try:
                # An upsert: a member that stalled long enough to be forgotten comes back.
                await self._pool.execute(_JOIN, self.group, self.member_id, self._conn.get_server_pid())
                await self._pool.execute(_FORGET_DEAD, self.group, self._timing.session_timeout)
            except (OSError, asyncpg.PostgresError) as exc:
                log.warning("bus member %s could not heartbeat: %s", self.member_id, exc)
