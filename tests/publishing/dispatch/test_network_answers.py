"""How the dispatcher acts on the network's answers: a 429 defers to the reset, a 401 holds the post and
disconnects the channel, a rejection fails with the network's reason; shared rate limits across replicas."""

from __future__ import annotations

import time
import uuid
from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.sandbox_server import running_sandbox
from chorus_publishing.adapters.networks.sandbox_state import InjectedFailure
from chorus_publishing.domain.publication import PublicationContent, Timing
from chorus_publishing.domain.rate_limits import NetworkLimits
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_publishing.service.dispatcher import Dispatcher
from chorus_publishing.service.publications import schedule_publication
from chorus_publishing.testing.dispatch_kit import (
    SandboxChannels,
    known_brand,
    run_until,
    schedule_many,
    states,
    tenant_rows,
    uow_for,
)

CONFIG = DispatchConfig(poll_s=0.05, sweep_s=0.2, limits={"sandbox": NetworkLimits(1000, 60.0)})


async def test_a_429_defers_to_the_reset_and_the_post_goes_out_after_it(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant = uuid.uuid4()
    brand = await known_brand(sessions, tenant)
    [publication] = await schedule_many(sessions, tenant, brand, [uuid.uuid4()], 1)
    async with running_sandbox() as sandbox:
        sandbox.network.queue_failures(InjectedFailure.RATE_LIMITED, 1)  # Retry-After: 1
        connector = SandboxConnector(sandbox.base_url)
        dispatcher = Dispatcher(sessions, connectors={"sandbox": connector}, channels=SandboxChannels(), config=CONFIG)

        async def out() -> bool:
            return bool((await states(sessions, tenant))["published"] == 1)

        await run_until([dispatcher], out, timeout=60)
        await connector.aclose()
        assert len(sandbox.network.posts) == 1
    attempts = await tenant_rows(
        sessions,
        tenant,
        "SELECT outcome, response_code, started_at, finished_at FROM publication_attempts "
        "WHERE publication_id = :p ORDER BY number",
        p=publication.id,
    )
    assert [(a.outcome, a.response_code) for a in attempts] == [("rate_limited", 429), ("published", None)]
    assert (attempts[1].started_at - attempts[0].finished_at).total_seconds() >= 0.5
    [row] = await tenant_rows(sessions, tenant, "SELECT failures FROM publications WHERE id = :p", p=publication.id)
    assert row.failures == 0  # a 429 is not a failure


async def test_a_401_holds_the_post_and_disconnects_the_channel_a_rejection_fails_with_the_reason(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant, channel, other = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    brand = await known_brand(sessions, tenant)
    [held] = await schedule_many(sessions, tenant, brand, [channel], 1)
    async with uow_for(sessions, tenant) as uow:
        rejected = await schedule_publication(
            uow,
            brand_id=brand,
            post_id=uuid.uuid4(),
            variant_id=uuid.uuid4(),
            channel_id=other,
            network="sandbox",
            content=PublicationContent(text="x" * 501),
            timing=Timing.NOW,
            by="tests",
        )
        await uow.commit()
    channels = SandboxChannels()
    async with running_sandbox() as sandbox:
        sandbox.network.queue_failures(InjectedFailure.UNAUTHORIZED, 1, account=str(channel))
        connector = SandboxConnector(sandbox.base_url)
        dispatcher = Dispatcher(sessions, connectors={"sandbox": connector}, channels=channels, config=CONFIG)

        async def settled() -> bool:
            found = await states(sessions, tenant)
            return bool(found["paused"] == 1 and found["failed"] == 1)

        await run_until([dispatcher], settled, timeout=60)
        await connector.aclose()
        assert not sandbox.network.posts
    assert channel in channels.disconnected
    rows = await tenant_rows(sessions, tenant, "SELECT id, state, hold_reason, last_error FROM publications")
    by_id = {r.id: r for r in rows}
    assert (by_id[held.id].state, by_id[held.id].hold_reason) == ("paused", "channel_disconnected")
    assert by_id[rejected.id].state == "failed"
    assert "text_too_long" in by_id[rejected.id].last_error


async def test_two_dispatchers_together_stay_within_an_accounts_rate_limit(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant, channel = uuid.uuid4(), uuid.uuid4()
    brand = await known_brand(sessions, tenant)
    await schedule_many(sessions, tenant, brand, [channel], 30)
    limited = DispatchConfig(poll_s=0.05, sweep_s=0.2, limits={"sandbox": NetworkLimits(10, 3600.0)})
    async with running_sandbox() as sandbox:
        connector = SandboxConnector(sandbox.base_url)
        pair = [
            Dispatcher(sessions, connectors={"sandbox": connector}, channels=SandboxChannels(), config=limited)
            for _ in range(2)
        ]

        async def ten_out() -> bool:
            return bool((await states(sessions, tenant))["published"] >= 10)

        await run_until(pair, ten_out, timeout=60)
        # Give the pair time to (wrongly) send more before looking.
        await run_until(pair, _after_a_second(), timeout=5)
        await connector.aclose()
        assert len(sandbox.network.posts) == 10
    assert (await states(sessions, tenant)) == {"published": 10, "scheduled": 20}


def _after_a_second() -> Callable[[], Awaitable[bool]]:
    start = time.monotonic()

    async def done() -> bool:
        return time.monotonic() - start > 1.0

    return done
