"""Collectors on several replicas: two at once never read the same schedule, and a collector that died holding
a claim hands it over when its lease runs out (its late answer is then not recorded)."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.metric_schedule_index import claim_due
from chorus_publishing.adapters.networks.connector import Credentials, PostContent, PostMetrics
from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.sandbox_server import RunningSandbox, running_sandbox
from chorus_publishing.adapters.networks.sandbox_state import SandboxSettings
from chorus_publishing.service.channel_keys import key_ring
from chorus_publishing.service.metrics_collector import CollectorConfig, MetricsCollector
from chorus_publishing.settings import PublishingSettings
from chorus_publishing.testing.dispatch_kit import tenant_rows
from chorus_publishing.testing.metrics_kit import World, deliver, published_event, published_world
from chorus_shared.testing.postgres import MigratedDatabase

POSTS = 40


class WatchedSandbox(SandboxConnector):
    """The sandbox connector, remembering which posts' metrics are being read right now and how often each was."""

    def __init__(self, base_url: str) -> None:
        super().__init__(base_url)
        self.reading: set[str] = set()
        self.overlaps: list[str] = []
        self.reads: Counter[str] = Counter()

    async def fetch_metrics(self, credentials: Credentials, network_post_id: str) -> PostMetrics:
        if network_post_id in self.reading:
            self.overlaps.append(network_post_id)
        self.reading.add(network_post_id)
        self.reads[network_post_id] += 1
        try:
            return await super().fetch_metrics(credentials, network_post_id)
        finally:
            self.reading.discard(network_post_id)


@pytest.fixture
async def sandbox() -> AsyncIterator[RunningSandbox]:
    async with running_sandbox(SandboxSettings(latency_s=0.02, rate_limit_requests=10_000)) as running:
        yield running


async def _many_schedules(
    client: httpx.AsyncClient,
    database: MigratedDatabase,
    sessions: async_sessionmaker[AsyncSession],
    connector: SandboxConnector,
) -> tuple[World, list[str]]:
    world = await published_world(client, database, connector)
    ids = [world.network_post_id]
    credentials = Credentials(access_token="sandbox-token", account_id=world.account)
    for n in range(POSTS - 1):
        live = await connector.publish(credentials, PostContent(text=f"Post {n}"), idempotency_key=uuid.uuid4().hex)
        ids.append(live.network_post_id)
    for network_post_id in ids:  # one post per schedule: its metrics on that network post
        world.network_post_id, world.post = network_post_id, str(uuid.uuid4())
        await deliver(sessions, world.tenant, published_event(world), world.post)
    return world, ids


async def test_two_collectors_at_once_read_each_due_schedule_exactly_once(
    client: httpx.AsyncClient,
    publishing_db: MigratedDatabase,
    sessions: async_sessionmaker[AsyncSession],
    settings: PublishingSettings,
    sandbox: RunningSandbox,
) -> None:
    connector = WatchedSandbox(sandbox.base_url)
    world, ids = await _many_schedules(client, publishing_db, sessions, connector)
    config = CollectorConfig(batch_size=7, concurrency=3)
    collectors = [
        MetricsCollector(sessions, connectors={"sandbox": connector}, config=config, keys=key_ring(settings))
        for _ in range(2)
    ]

    async def drain(collector: MetricsCollector) -> Counter[str]:
        total: Counter[str] = Counter()
        while (round_ := await collector.collect_due()).total():
            total += round_
        return total

    done = await asyncio.gather(*(drain(c) for c in collectors))
    await connector.aclose()
    assert connector.overlaps == []
    assert {connector.reads[i] for i in ids} == {1}
    assert sum(d["collected"] for d in done) == POSTS
    assert all(d["collected"] > 0 for d in done)  # both took a share of the work
    snapshots = await tenant_rows(
        sessions, world.tenant, "SELECT network_post_id, count(*) AS n FROM metric_snapshots GROUP BY 1"
    )
    assert {row.network_post_id: row.n for row in snapshots} == dict.fromkeys(ids, 1)


async def test_a_claim_left_by_a_dead_collector_is_taken_over_after_its_lease(
    client: httpx.AsyncClient,
    publishing_db: MigratedDatabase,
    sessions: async_sessionmaker[AsyncSession],
    settings: PublishingSettings,
    sandbox: RunningSandbox,
) -> None:
    connector = SandboxConnector(sandbox.base_url)
    world = await published_world(client, publishing_db, connector)
    await deliver(sessions, world.tenant, published_event(world), world.post)
    now = datetime.now(UTC)
    async with sessions() as session, session.begin():  # a collector claims, then dies before reading
        dead = await claim_due(session, now=now, lease=timedelta(seconds=60), limit=1000)
    assert any(c.tenant_id == world.tenant for c in dead)
    alive = MetricsCollector(sessions, connectors={"sandbox": connector}, keys=key_ring(settings))
    assert (await alive.collect_due(now=now + timedelta(seconds=30)))["collected"] == 0  # still leased
    assert (await alive.collect_due(now=now + timedelta(seconds=61)))["collected"] >= 1
    await connector.aclose()
    [row] = await tenant_rows(sessions, world.tenant, "SELECT count(*) AS n FROM metric_snapshots")
    assert row.n == 1
