"""The worker's background loop that keeps every active routine's next days generated, beside relay and consumers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_planning.service.routine_generation import GeneratorConfig, generate_due_routines
from chorus_planning.settings import PlanningSettings
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.runtime.entrypoint import Worker

log = logging.getLogger(__name__)
# New routines are due at once: look for due ones this often, whatever the interval between a routine's rounds.
POLL_S_MAX = 60.0


def generator_config(settings: PlanningSettings) -> GeneratorConfig:
    return GeneratorConfig(
        horizon_days=settings.routine_horizon_days,
        interval=timedelta(seconds=settings.routine_generation_interval_s),
    )


def with_routine_generator(settings: PlanningSettings, worker: Worker) -> Worker:
    """`worker` plus the routine generator, both stopped by the same event."""

    async def run(stop: asyncio.Event) -> None:
        engine = make_engine(settings.database_url)
        try:
            async with asyncio.TaskGroup() as tasks:  # one failing stops the other: the process restarts whole
                tasks.create_task(_run(worker, stop))
                tasks.create_task(run_routine_generator(make_sessions(engine), generator_config(settings), stop))
        finally:
            await engine.dispose()

    return run


async def _run(worker: Worker, stop: asyncio.Event) -> None:
    await worker(stop)


async def run_routine_generator(
    sessions: async_sessionmaker[AsyncSession], config: GeneratorConfig, stop: asyncio.Event
) -> None:
    """Generate due routines every poll (at once again while rounds come back full) until `stop`; a failing round
    never ends it."""
    poll_s = min(POLL_S_MAX, config.interval.total_seconds())
    while not stop.is_set():
        claimed = 0
        try:
            done = await generate_due_routines(sessions, config)
            claimed = done.routines
            if done.tasks:
                log.info("routine occurrences generated", extra={"routines": done.routines, "tasks": done.tasks})
        except Exception:  # a bad round (database restarting...) must not stop the worker
            log.exception("routine generation round failed")
        if claimed < config.batch_size:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=poll_s)
