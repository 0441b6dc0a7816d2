"""The worker's background loop that keeps channel tokens fresh, run beside the relay and the consumers."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.service.channel_tokens import refresh_due_tokens
from chorus_publishing.settings import PublishingSettings
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.runtime.entrypoint import Worker

log = logging.getLogger(__name__)


def with_token_refresher(settings: PublishingSettings, worker: Worker) -> Worker:
    """`worker` plus the token refresher, both stopped by the same event."""

    async def run(stop: asyncio.Event) -> None:
        engine = make_engine(settings.database_url)
        try:
            async with asyncio.TaskGroup() as tasks:  # one failing stops the other: the process restarts whole
                tasks.create_task(_run(worker, stop))
                tasks.create_task(run_token_refresher(make_sessions(engine), settings, stop))
        finally:
            await engine.dispose()

    return run


async def _run(worker: Worker, stop: asyncio.Event) -> None:
    await worker(stop)


async def run_token_refresher(
    sessions: async_sessionmaker[AsyncSession], settings: PublishingSettings, stop: asyncio.Event
) -> None:
    """Refresh due tokens every `token_refresh_interval_seconds` until `stop`; one failing round never ends it."""
    async with httpx.AsyncClient() as http:
        while not stop.is_set():
            try:
                outcome = await refresh_due_tokens(sessions, settings, http)
                if outcome.refreshed or outcome.failed or outcome.disconnected:
                    log.info("channel tokens refreshed", extra=vars(outcome))
            except Exception:  # a bad round (database restarting...) must not stop the worker
                log.exception("channel token refresh round failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=settings.token_refresh_interval_seconds)
