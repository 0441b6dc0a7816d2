"""Two dispatchers at once on the same due publications: each goes out exactly once on the sandbox network."""

from __future__ import annotations

import uuid
from collections import Counter

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.sandbox_server import running_sandbox
from chorus_publishing.adapters.networks.sandbox_state import SandboxSettings
from chorus_publishing.domain.rate_limits import NetworkLimits
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_publishing.service.dispatcher import Dispatcher
from chorus_publishing.testing.dispatch_kit import SandboxChannels, known_brand, run_until, schedule_many, states

FAST = DispatchConfig(
    batch_size=50, max_in_flight=100, poll_s=0.05, sweep_s=0.5, limits={"sandbox": NetworkLimits(10_000, 60.0)}
)


async def test_two_dispatchers_publish_each_of_500_due_posts_exactly_once(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant = uuid.uuid4()
    brand = await known_brand(sessions, tenant)
    channels = [uuid.uuid4() for _ in range(20)]
    made = await schedule_many(sessions, tenant, brand, channels, 500)
    async with running_sandbox(SandboxSettings(latency_s=0.01, rate_limit_requests=10_000)) as sandbox:
        connector = SandboxConnector(sandbox.base_url)
        pair = [
            Dispatcher(sessions, connectors={"sandbox": connector}, channels=SandboxChannels(), config=FAST)
            for _ in range(2)
        ]

        async def all_out() -> bool:
            return bool((await states(sessions, tenant))["published"] == 500)

        # Correctness, not speed, is measured here: a loaded CI machine may take minutes for 500 sends.
        await run_until(pair, all_out, timeout=240.0)
        await connector.aclose()
        posts = list(sandbox.network.posts.values())
    per_publication = Counter(post.idempotency_key.rsplit("-", 1)[0] for post in posts if post.idempotency_key)
    assert len(per_publication) == 500
    assert set(per_publication.values()) == {1}
    assert {f"chorus-{p.id}" for p in made} == set(per_publication)
    async with sessions() as session:
        assert (await session.execute(text("SELECT count(*) FROM dispatch_queue"))).scalar_one() == 0
