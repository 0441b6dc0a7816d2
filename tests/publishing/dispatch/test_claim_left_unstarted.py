"""A dispatcher that claimed a publication and stopped before starting it: once the claim's lease runs out,
reconciliation finds nothing left (the publication is still scheduled) and puts it back in the queue; it goes out
once, as a first attempt, without a person's decision."""

from __future__ import annotations

import asyncio
import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.dispatch_queue import DispatchQueue
from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.sandbox_server import running_sandbox
from chorus_publishing.adapters.networks.sandbox_state import SandboxSettings
from chorus_publishing.testing.dispatch_kit import (
    known_brand,
    run_sandbox_dispatcher_until_published,
    schedule_many,
    tenant_rows,
)


async def test_a_claim_whose_worker_stopped_before_starting_goes_out_once_after_its_lease(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant = uuid.uuid4()
    brand = await known_brand(sessions, tenant)
    [publication] = await schedule_many(sessions, tenant, brand, [uuid.uuid4()], 1)
    async with sessions() as session, session.begin():
        claimed = await DispatchQueue(session).claim(
            from_phase="due", to_phase="claimed", owner="stopped-worker", limit=10, lease_s=0.5
        )
    assert [c.publication_id for c in claimed] == [publication.id]
    await asyncio.sleep(0.6)  # the lease runs out with nothing started

    async with running_sandbox(SandboxSettings()) as sandbox:
        await run_sandbox_dispatcher_until_published(sessions, tenant, SandboxConnector(sandbox.base_url), timeout=60)
        assert [p.idempotency_key for p in sandbox.network.posts.values()] == [f"chorus-{publication.id}-1"]

    [row] = await tenant_rows(
        sessions, tenant, "SELECT needs_decision, attempts FROM publications WHERE id = :p", p=publication.id
    )
    assert (row.needs_decision, row.attempts) == (False, 1)
    attempts = await tenant_rows(
        sessions, tenant, "SELECT outcome FROM publication_attempts WHERE publication_id = :p", p=publication.id
    )
    assert [a.outcome for a in attempts] == ["published"]  # sent by the dispatcher, not found by asking
    history = await tenant_rows(
        sessions,
        tenant,
        "SELECT state FROM publication_history WHERE publication_id = :p ORDER BY at, id",
        p=publication.id,
    )
    assert [h.state for h in history] == ["scheduled", "sending", "published"]
    async with sessions() as session:
        assert (await session.execute(text("SELECT count(*) FROM dispatch_queue"))).scalar_one() == 0
