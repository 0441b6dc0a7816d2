"""Runs a metrics collector beside the rest of the publishing worker, with the networks' connectors."""

from __future__ import annotations

import asyncio

from chorus_publishing.service.channel_keys import key_ring
from chorus_publishing.service.dispatch_runner import connectors
from chorus_publishing.service.metrics_collector import CollectorConfig, MetricsCollector
from chorus_publishing.settings import PublishingSettings
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.runtime.entrypoint import Worker


def with_metrics_collector(settings: PublishingSettings, worker: Worker) -> Worker:
    """`worker` plus one metrics collector, both stopped by the same event."""

    async def run(stop: asyncio.Event) -> None:
        engine = make_engine(settings.database_url)
        collector = MetricsCollector(
            make_sessions(engine),
            connectors=connectors(settings),
            config=CollectorConfig.from_settings(settings),
            keys=key_ring(settings),
        )
        try:
            async with asyncio.TaskGroup() as tasks:  # one failing stops the other: the process restarts whole
                tasks.create_task(_run(worker, stop))
                tasks.create_task(collector.run(stop))
        finally:
            await engine.dispose()

    return run


async def _run(worker: Worker, stop: asyncio.Event) -> None:
    await worker(stop)
