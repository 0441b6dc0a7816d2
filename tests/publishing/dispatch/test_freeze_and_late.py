"""A freeze during a burst stops the brand's sends at once and a resume sends the rest; posts found late after
downtime go out late within the window, and are missed beyond it, each saying so in an event."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.sandbox_server import running_sandbox
from chorus_publishing.adapters.networks.sandbox_state import SandboxSettings
from chorus_publishing.domain.publication import Timing
from chorus_publishing.domain.rate_limits import NetworkLimits
from chorus_publishing.service.brand_freezes import freeze_brand, resume_brand
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_publishing.service.dispatcher import Dispatcher
from chorus_publishing.testing.dispatch_kit import (
    SandboxChannels,
    known_brand,
    run_until,
    schedule_many,
    states,
    tenant_rows,
    uow_for,
)
from chorus_shared.auth import Role
from chorus_shared.testing.http import principal
from chorus_shared.testing.postgres import MigratedDatabase


async def test_nothing_of_a_frozen_brand_starts_sending_after_the_freeze_returns_and_resume_sends_the_rest(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant = uuid.uuid4()
    frozen, other = await known_brand(sessions, tenant), await known_brand(sessions, tenant)
    frozen_channels, other_channels = [uuid.uuid4() for _ in range(5)], [uuid.uuid4() for _ in range(5)]
    await schedule_many(sessions, tenant, frozen, frozen_channels, 200)
    await schedule_many(sessions, tenant, other, other_channels, 200)
    config = DispatchConfig(
        batch_size=10,
        max_in_flight=20,
        poll_s=0.02,
        sweep_s=0.2,
        resume_stagger_s=0,
        limits={"sandbox": NetworkLimits(10_000, 60.0)},
    )
    smm = principal(tenant, Role.SOCIAL_MEDIA_MANAGER)
    async with running_sandbox(SandboxSettings(latency_s=0.05, rate_limit_requests=10_000)) as sandbox:
        connector = SandboxConnector(sandbox.base_url)
        pair = [
            Dispatcher(sessions, connectors={"sandbox": connector}, channels=SandboxChannels(), config=config)
            for _ in range(2)
        ]
        stop = asyncio.Event()
        running = [asyncio.create_task(d.run(stop)) for d in pair]
        while len(sandbox.network.posts) < 40:
            await asyncio.sleep(0.01)
        async with uow_for(sessions, tenant) as uow:
            await freeze_brand(uow=uow, principal=smm, brand_id=frozen, reason="Recall announced")
            await uow.commit()
        started = await _started(sessions, tenant, frozen)
        while (await states(sessions, tenant))["published"] < 200 + started:
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.5)
        sent = {p.account for p in sandbox.network.posts.values()}
        frozen_sent = sum(1 for p in sandbox.network.posts.values() if uuid.UUID(p.account) in frozen_channels)
        assert frozen_sent == started < 200
        assert all(str(c) in sent for c in other_channels)
        stop.set()
        await asyncio.gather(*running)
        assert (await states(sessions, tenant))["paused"] == 200 - started

        async with uow_for(sessions, tenant) as uow:
            await resume_brand(uow=uow, principal=smm, brand_id=frozen)
            await uow.commit()

        async def all_out() -> bool:
            return bool((await states(sessions, tenant))["published"] == 400)

        await run_until(pair, all_out, timeout=180)
        await connector.aclose()
        assert len(sandbox.network.posts) == 400


async def _started(sessions: async_sessionmaker[AsyncSession], tenant: uuid.UUID, brand: uuid.UUID) -> int:
    rows = await tenant_rows(
        sessions,
        tenant,
        "SELECT count(*) AS n FROM publications WHERE brand_id = :b AND state IN "
        "('sending', 'published', 'unconfirmed')",
        b=brand,
    )
    return int(rows[0].n)


async def test_after_downtime_a_post_inside_the_late_window_goes_out_late_and_one_beyond_it_is_missed(
    sessions: async_sessionmaker[AsyncSession], publishing_db: MigratedDatabase
) -> None:
    tenant, channel = uuid.uuid4(), uuid.uuid4()
    brand = await known_brand(sessions, tenant)
    soon = datetime.now(UTC) + timedelta(hours=1)
    late, missed = await schedule_many(sessions, tenant, brand, [channel], 2, timing=Timing.CUSTOM, at=soon)
    owner = create_async_engine(publishing_db.owner_url)
    async with owner.begin() as conn:  # the service was down while these came due
        await conn.execute(text("SELECT set_config('app.tenant_id', :t, true)"), {"t": str(tenant)})
        for publication, ago in ((late, timedelta(minutes=5)), (missed, timedelta(minutes=20))):
            due = datetime.now(UTC) - ago
            await conn.execute(
                text("UPDATE publications SET due_at = :d WHERE id = :p"), {"d": due, "p": publication.id}
            )
            await conn.execute(
                text("UPDATE dispatch_queue SET run_at = :d WHERE publication_id = :p"), {"d": due, "p": publication.id}
            )
    config = DispatchConfig(poll_s=0.05, sweep_s=0.2, late_window_s=900, limits={"sandbox": NetworkLimits(99, 60.0)})
    async with running_sandbox() as sandbox:
        connector = SandboxConnector(sandbox.base_url)
        dispatcher = Dispatcher(sessions, connectors={"sandbox": connector}, channels=SandboxChannels(), config=config)

        async def settled() -> bool:
            return (await states(sessions, tenant)) == {"published": 1, "missed": 1}

        await run_until([dispatcher], settled, timeout=60)
        await connector.aclose()
        assert [p.text for p in sandbox.network.posts.values()] == ["post 0"]
    async with owner.connect() as conn:
        events = await conn.execute(
            text("SELECT event_type, value FROM outbox WHERE key = ANY(:keys) ORDER BY id"),
            {"keys": [str(late.post_id).encode(), str(missed.post_id).encode()]},
        )
        found = {row.event_type: json.loads(row.value) for row in events}
    await owner.dispose()
    sent = found["chorus.publishing.publication.sent.v1"]
    assert (sent["late"], sent["lateness_seconds"] >= 300) == (True, True)
    assert found["chorus.publishing.publication.missed.v1"]["late_window_seconds"] == 900
