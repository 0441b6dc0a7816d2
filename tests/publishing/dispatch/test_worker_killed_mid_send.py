"""A dispatcher SIGKILLed after its request reached the network, before it recorded the answer: the post ends
published once, found by reconciliation, and is never sent a second time."""

from __future__ import annotations

import asyncio
import signal
import sys
import uuid
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.sandbox_server import running_sandbox
from chorus_publishing.adapters.networks.sandbox_state import InjectedFailure, SandboxSettings
from chorus_publishing.testing.dispatch_kit import (
    known_brand,
    run_sandbox_dispatcher_until_published,
    schedule_many,
    states,
    tenant_rows,
)
from chorus_shared.testing.postgres import MigratedDatabase

HERE = Path(__file__).parent


async def test_a_worker_killed_between_send_and_record_leaves_one_post_reconciled(
    sessions: async_sessionmaker[AsyncSession], publishing_db: MigratedDatabase
) -> None:
    tenant = uuid.uuid4()
    brand = await known_brand(sessions, tenant)
    [publication] = await schedule_many(sessions, tenant, brand, [uuid.uuid4()], 1)
    async with running_sandbox(SandboxSettings(hang_s=60)) as sandbox:
        # The network applies the post, then holds its answer: the worker is waiting when it dies.
        sandbox.network.queue_failures(InjectedFailure.TIMEOUT_AFTER_ACCEPT, 1)
        worker = await asyncio.create_subprocess_exec(
            sys.executable,
            str(HERE / "dispatch_worker_process.py"),
            publishing_db.app_url,
            sandbox.base_url,
        )
        async with asyncio.timeout(30):
            while not sandbox.network.posts:
                await asyncio.sleep(0.05)
        assert (await states(sessions, tenant))["sending"] == 1
        worker.send_signal(signal.SIGKILL)
        await worker.wait()

        # The survivor reconciles: it asks the network, finds the post and records it, never sending it again.
        await run_sandbox_dispatcher_until_published(sessions, tenant, SandboxConnector(sandbox.base_url), timeout=90)
        assert len(sandbox.network.posts) == 1
    attempts = await tenant_rows(
        sessions,
        tenant,
        "SELECT outcome, worker FROM publication_attempts WHERE publication_id = :p",
        p=publication.id,
    )
    assert [(a.outcome, a.worker) for a in attempts] == [("reconciled_published", "doomed-worker")]
    history = await tenant_rows(
        sessions,
        tenant,
        "SELECT state FROM publication_history WHERE publication_id = :p ORDER BY at, id",
        p=publication.id,
    )
    assert [h.state for h in history] == ["scheduled", "sending", "unconfirmed", "published"]
