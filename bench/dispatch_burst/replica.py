"""One dispatcher replica of the dispatch_burst benchmark, in its own process, until SIGTERM.

python bench/dispatch_burst/replica.py chorus|bare|scan DATABASE_URL SANDBOX_URL ACCOUNT_LIMIT
"""

from __future__ import annotations

import asyncio
import signal
import sys
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import asyncpg
import httpx

from chorus_publishing.adapters.networks.connector import Credentials
from chorus_publishing.adapters.networks.network_client import network_client
from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.domain.rate_limits import NetworkLimits
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_publishing.service.dispatch_engine import dispatch_engine
from chorus_publishing.service.dispatcher import Dispatcher
from chorus_shared.db.engine import make_sessions
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.runtime import event_loop, gc_tuning

IN_FLIGHT = 400


class BenchChannels:
    """Every channel is the sandbox account named after its id."""

    async def credentials_for(self, uow: UnitOfWork, channel_id: uuid.UUID) -> Credentials | None:
        return Credentials(access_token="bench", account_id=str(channel_id))

    async def mark_disconnected(self, uow: UnitOfWork, channel_id: uuid.UUID, reason: str) -> None:
        return None


async def chorus(database_url: str, sandbox_url: str, account_limit: int, stop: asyncio.Event) -> None:
    config = DispatchConfig(
        batch_size=500,
        max_in_flight=IN_FLIGHT,
        sweep_s=5.0,
        limits={"sandbox": NetworkLimits(account_limit, 60.0)},
    )
    connector = SandboxConnector(sandbox_url, client=_client())
    engine = dispatch_engine(database_url)  # as the worker's dispatcher runs
    await Dispatcher(
        make_sessions(engine), connectors={"sandbox": connector}, channels=BenchChannels(), config=config
    ).run(stop)
    await connector.aclose()
    await engine.dispose()


async def bare(database_url: str, sandbox_url: str, stop: asyncio.Event) -> None:
    """The ceiling: claim with SKIP LOCKED, send, mark sent in batches. No tenancy, leases, attempts, limits or
    events."""
    pool = await asyncpg.create_pool(database_url.replace("+asyncpg", ""), min_size=2, max_size=4)
    client, room = _client(), asyncio.Semaphore(IN_FLIGHT)
    marks = SentMarks(pool)
    marking = asyncio.create_task(marks.flush_every(0.2, stop))
    tasks: set[asyncio.Task[None]] = set()
    while not stop.is_set():
        rows = await pool.fetch(
            "UPDATE bare_posts SET state = 'sending' WHERE id IN (SELECT id FROM bare_posts WHERE state = 'due' "
            "AND due_at <= now() ORDER BY due_at LIMIT 500 FOR UPDATE SKIP LOCKED) RETURNING id, account"
        )
        if not rows:
            await asyncio.sleep(0.05)
        for row in rows:
            await room.acquire()
            task = asyncio.create_task(_send_bare(marks.add, client, sandbox_url, row, room))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
    await asyncio.gather(*tasks)
    await marking
    await marks.flush()  # what the sends still out when `stop` came sent
    await client.aclose()


async def scan(database_url: str, sandbox_url: str, stop: asyncio.Event) -> None:
    """The peer: a cron job once a minute sends whatever is due (how Mixpost schedules)."""
    pool = await asyncpg.create_pool(database_url.replace("+asyncpg", ""), min_size=2, max_size=4)
    client, room = _client(), asyncio.Semaphore(IN_FLIGHT)
    while not stop.is_set():
        now = datetime.now(UTC).timestamp()
        try:
            await asyncio.wait_for(stop.wait(), timeout=60 - now % 60)
        except TimeoutError:
            pass
        rows = await pool.fetch(
            "UPDATE bare_posts SET state = 'sending' WHERE state = 'due' AND due_at <= now() RETURNING id, account"
        )

        async def mark(post_id: uuid.UUID) -> None:
            await pool.execute("UPDATE bare_posts SET state = 'sent' WHERE id = $1", post_id)

        async def one(row: asyncpg.Record) -> None:
            async with room:
                await _send_bare(mark, client, sandbox_url, row, None)

        await asyncio.gather(*(one(row) for row in rows))
    await client.aclose()


class SentMarks:
    """The ceiling marks what it sent as Chorus records its answers, in batches: one statement per flush (a
    statement per post would make it slower than what it bounds)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._ids: list[uuid.UUID] = []

    async def add(self, post_id: uuid.UUID) -> None:
        self._ids.append(post_id)

    async def flush_every(self, seconds: float, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), timeout=seconds)
            except TimeoutError:
                pass
            await self.flush()

    async def flush(self) -> None:
        ids, self._ids = self._ids, []
        if ids:
            await self._pool.execute("UPDATE bare_posts SET state = 'sent' WHERE id = ANY($1::uuid[])", ids)


async def _send_bare(
    mark: Callable[[uuid.UUID], Awaitable[None]],
    client: httpx.AsyncClient,
    sandbox_url: str,
    row: asyncpg.Record,
    room: asyncio.Semaphore | None,
) -> None:
    try:
        while True:
            try:
                answer = await client.post(
                    f"{sandbox_url}/v1/accounts/{row['account']}/posts",
                    json={"text": "bench", "idempotency_key": f"bare-{row['id']}"},
                    headers={"Authorization": "Bearer bench"},
                )
            except httpx.TransportError:
                # No reconciliation here: a naive loop sends again, and the duplicates column shows the cost.
                await asyncio.sleep(0.5)
                continue
            if answer.status_code != 429:
                break
            await asyncio.sleep(float(answer.headers.get("retry-after", "1")))
        await mark(row["id"])
    finally:
        if room is not None:
            room.release()


def _client() -> httpx.AsyncClient:
    """The connectors' own client, wide enough for every call in flight: the ceiling sends the way Chorus does."""
    return network_client(60.0, connections=IN_FLIGHT)


async def main(mode: str, database_url: str, sandbox_url: str, account_limit: int) -> None:
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    if mode == "chorus":
        await chorus(database_url, sandbox_url, account_limit, stop)
    elif mode == "bare":
        await bare(database_url, sandbox_url, stop)
    else:
        await scan(database_url, sandbox_url, stop)


if __name__ == "__main__":
    gc_tuning.tune_for_worker()
    event_loop.run(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))
