"""A claim the database refuses does not stop the dispatcher: nothing is sent meanwhile, and once the database
answers again the due post goes out."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.sandbox_server import running_sandbox
from chorus_publishing.adapters.networks.sandbox_state import SandboxSettings
from chorus_publishing.domain.rate_limits import NetworkLimits
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_publishing.service.dispatcher import Dispatcher
from chorus_publishing.testing.dispatch_kit import SandboxChannels, known_brand, schedule_many, states
from chorus_shared.testing.postgres import MigratedDatabase, PgServer

CONFIG = DispatchConfig(poll_s=0.05, sweep_s=0.5, limits={"sandbox": NetworkLimits(99, 60.0)})


async def test_a_refused_claim_is_tried_again_and_the_post_goes_out_once(
    sessions: async_sessionmaker[AsyncSession], publishing_db: MigratedDatabase, pg_server: PgServer
) -> None:
    tenant = uuid.uuid4()
    brand = await known_brand(sessions, tenant)
    await schedule_many(sessions, tenant, brand, [uuid.uuid4()], 1)
    admin = await asyncpg.connect(pg_server.admin_dsn, database=publishing_db.spec.database)
    role = publishing_db.spec.app_role
    await admin.execute(f'REVOKE UPDATE ON dispatch_queue FROM "{role}"')
    stop = asyncio.Event()
    try:
        async with running_sandbox(SandboxSettings(latency_s=0.0)) as sandbox:
            connector = SandboxConnector(sandbox.base_url)
            dispatcher = Dispatcher(
                sessions, connectors={"sandbox": connector}, channels=SandboxChannels(), config=CONFIG
            )
            running = asyncio.create_task(dispatcher.run(stop))
            await asyncio.sleep(1.0)  # some twenty claims refused
            assert not running.done()
            assert (await states(sessions, tenant))["scheduled"] == 1
            assert not sandbox.network.posts

            await admin.execute(f'GRANT UPDATE ON dispatch_queue TO "{role}"')
            async with asyncio.timeout(60):
                while (await states(sessions, tenant))["published"] != 1:
                    await asyncio.sleep(0.05)
            stop.set()
            await running
            await connector.aclose()
            assert len(sandbox.network.posts) == 1
    finally:
        stop.set()
        await admin.execute(f'GRANT UPDATE ON dispatch_queue TO "{role}"')
        await admin.close()
