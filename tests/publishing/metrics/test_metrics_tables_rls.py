"""Row-level security on every metrics table: another tenant, or no tenant at all, sees none of the rows; and a
published event that names no network post (an older producer, a post not really live) schedules nothing."""

from __future__ import annotations

import uuid

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.sandbox_server import running_sandbox
from chorus_publishing.service.channel_keys import key_ring
from chorus_publishing.service.metrics_collector import MetricsCollector
from chorus_publishing.settings import PublishingSettings
from chorus_publishing.testing.dispatch_kit import tenant_rows
from chorus_publishing.testing.metrics_kit import World, deliver, published_event, published_world
from chorus_shared.db.tenancy import set_tenant
from chorus_shared.testing.postgres import MigratedDatabase

TABLES = ("metric_schedules", "metric_snapshots", "metric_values")


@pytest.fixture
async def collected(
    client: httpx.AsyncClient,
    publishing_db: MigratedDatabase,
    sessions: async_sessionmaker[AsyncSession],
    settings: PublishingSettings,
) -> World:
    async with running_sandbox() as sandbox:
        connector = SandboxConnector(sandbox.base_url)
        world = await published_world(client, publishing_db, connector)
        await deliver(sessions, world.tenant, published_event(world), world.post)
        await MetricsCollector(sessions, connectors={"sandbox": connector}, keys=key_ring(settings)).collect_due()
        await connector.aclose()
    return world


@pytest.mark.parametrize("who", ["own tenant", "other tenant", "no tenant"])
async def test_only_the_owning_tenant_sees_metrics_rows(
    sessions: async_sessionmaker[AsyncSession], collected: World, who: str
) -> None:
    tenant = {"own tenant": collected.tenant, "other tenant": uuid.uuid4(), "no tenant": None}[who]
    async with sessions() as session, session.begin():
        if tenant is not None:
            await set_tenant(session, tenant)
        counts = {t: int((await session.execute(text(f'SELECT count(*) FROM "{t}"'))).scalar_one()) for t in TABLES}
    if who == "own tenant":
        assert all(count > 0 for count in counts.values()), counts
    else:
        assert counts == dict.fromkeys(TABLES, 0)


async def test_a_published_event_without_a_network_post_schedules_nothing(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase, sessions: async_sessionmaker[AsyncSession]
) -> None:
    async with running_sandbox() as sandbox:
        connector = SandboxConnector(sandbox.base_url)
        world = await published_world(client, publishing_db, connector)
        await connector.aclose()
    # The draft's variant has no network post either: nothing to read metrics of.
    await deliver(sessions, world.tenant, published_event(world, with_network_id=False), world.post)
    sql = "SELECT count(*) AS n FROM metric_schedules WHERE post_id = :p"
    assert (await tenant_rows(sessions, world.tenant, sql, p=uuid.UUID(world.post)))[0].n == 0
