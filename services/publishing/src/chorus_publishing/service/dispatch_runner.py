"""Runs a dispatcher replica beside the rest of the publishing worker, with the networks' connectors."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from chorus_publishing.adapters.media_storage import LocalMediaStorage
from chorus_publishing.adapters.networks.bluesky import BlueskyConnector
from chorus_publishing.adapters.networks.connector import NetworkConnector
from chorus_publishing.adapters.networks.facebook import FacebookPagesConnector
from chorus_publishing.adapters.networks.instagram import InstagramConnector
from chorus_publishing.adapters.networks.linkedin import LinkedInConnector
from chorus_publishing.adapters.networks.mastodon import MastodonConnector
from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.x import XConnector
from chorus_publishing.service.channel_access import Channels
from chorus_publishing.service.channel_keys import key_ring
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_publishing.service.dispatch_engine import dispatch_engine
from chorus_publishing.service.dispatcher import Dispatcher
from chorus_publishing.service.outgoing_media import MediaSource
from chorus_publishing.settings import PublishingSettings
from chorus_shared.db.engine import make_sessions
from chorus_shared.runtime.entrypoint import Worker

log = logging.getLogger(__name__)


def connectors(settings: PublishingSettings) -> dict[str, NetworkConnector]:
    made: list[NetworkConnector] = [
        MastodonConnector(),
        BlueskyConnector(),
        XConnector(),
        LinkedInConnector(),
        FacebookPagesConnector(),
        InstagramConnector(),
        SandboxConnector(settings.sandbox_url),
    ]
    return {connector.network: connector for connector in made}


def with_dispatcher(settings: PublishingSettings, worker: Worker) -> Worker:
    """`worker` plus one dispatcher replica, both stopped by the same event."""

    async def run(stop: asyncio.Event) -> None:
        engine = dispatch_engine(settings.database_url)
        networks = connectors(settings)
        dispatcher = Dispatcher(
            make_sessions(engine),
            connectors=networks,
            channels=Channels(key_ring(settings)),
            config=DispatchConfig.from_settings(settings),
            media=MediaSource(LocalMediaStorage(Path(settings.media_path)), settings.media_public_url),
        )
        try:
            async with asyncio.TaskGroup() as tasks:
                tasks.create_task(_run(worker, stop))
                tasks.create_task(dispatcher.run(stop))
        finally:
            for connector in networks.values():  # their keep-alive connections, before the loop goes away
                try:
                    await connector.aclose()
                except Exception:  # one connector's trouble must not keep the others' connections or the pool open
                    log.exception("closing the %s connector failed", connector.network)
            await engine.dispose()

    return run


async def _run(worker: Worker, stop: asyncio.Event) -> None:
    await worker(stop)
