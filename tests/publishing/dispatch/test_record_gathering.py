"""Answers are gathered before they are recorded, so a tenant's answers share one transaction, each publication
stamped with the time its network answered; a replica that is behind records at once, so gathering never holds
back its sending."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.sandbox_server import running_sandbox
from chorus_publishing.adapters.networks.sandbox_state import SandboxSettings
from chorus_publishing.domain.publication import Timing
from chorus_publishing.domain.rate_limits import NetworkLimits
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_publishing.service.dispatcher import Dispatcher
from chorus_publishing.testing.dispatch_kit import (
    SandboxChannels,
    known_brand,
    run_until,
    schedule_many,
    states,
    tenant_rows,
)

LIMITS = {"sandbox": NetworkLimits(10_000, 60.0)}


async def _publish_all(
    sessions: async_sessionmaker[AsyncSession], tenant: uuid.UUID, config: DispatchConfig, count: int
) -> list[datetime]:
    """Runs one dispatcher until the tenant's `count` publications are published; when the sandbox network received
    each, in order."""
    async with running_sandbox(SandboxSettings(latency_s=0.01, rate_limit_requests=10_000)) as sandbox:
        connector = SandboxConnector(sandbox.base_url)
        dispatcher = Dispatcher(sessions, connectors={"sandbox": connector}, channels=SandboxChannels(), config=config)

        async def all_out() -> bool:
            return bool((await states(sessions, tenant))["published"] == count)

        try:
            await run_until([dispatcher], all_out, timeout=120.0)
        finally:
            await connector.aclose()
        return sorted(post.created_at for post in sandbox.network.posts.values())


async def test_answers_coming_back_apart_are_recorded_together_each_at_its_own_time(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant = uuid.uuid4()
    brand = await known_brand(sessions, tenant)
    channels = [uuid.uuid4() for _ in range(8)]
    await schedule_many(sessions, tenant, brand, channels[:4], 4)
    later = datetime.now(UTC) + timedelta(seconds=0.8)
    await schedule_many(sessions, tenant, brand, channels[4:], 4, timing=Timing.CUSTOM, at=later)
    config = DispatchConfig(batch_size=50, max_in_flight=50, poll_s=0.05, record_gather_s=4.0, limits=LIMITS)

    received = await _publish_all(sessions, tenant, config, 8)

    assert len(received) == 8
    assert received[-1] - received[0] > timedelta(seconds=0.5)  # two claims, apart
    recorded = await tenant_rows(sessions, tenant, "SELECT DISTINCT finished_at FROM publication_attempts")
    assert len(recorded) == 1  # one record transaction stamps its whole batch with one time
    published = await tenant_rows(sessions, tenant, "SELECT published_at FROM publications ORDER BY published_at")
    times = [row.published_at for row in published]
    assert times[-1] - times[0] > timedelta(seconds=0.5)  # when each network answered, not when it was recorded
    assert times[-1] <= recorded[0].finished_at


async def test_a_replica_behind_does_not_hold_its_sending_to_gather_answers(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    # 20 posts through 5 in-flight slots: four full claims. Gathering each batch for 20 s would space the claims 20 s
    # apart; a replica behind records at once and gives its slots back to sending.
    tenant = uuid.uuid4()
    brand = await known_brand(sessions, tenant)
    await schedule_many(sessions, tenant, brand, [uuid.uuid4() for _ in range(20)], 20)
    config = DispatchConfig(batch_size=50, max_in_flight=5, poll_s=0.05, record_gather_s=20.0, limits=LIMITS)

    received = await _publish_all(sessions, tenant, config, 20)

    assert len(received) == 20
    assert received[-1] - received[0] < timedelta(seconds=10)
    recorded = await tenant_rows(sessions, tenant, "SELECT DISTINCT finished_at FROM publication_attempts")
    assert len(recorded) >= 4  # batch by batch, not all at the end
