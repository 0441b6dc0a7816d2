"""Publishing's whole flow in process: its app on a migrated database, its outbox relayed to the embedded bus, the
sandbox network served on a local port, and dispatcher replicas started by the tests."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import chorus_publishing
from chorus_publishing.adapters.media_storage import LocalMediaStorage
from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.sandbox_server import RunningSandbox, running_sandbox
from chorus_publishing.adapters.orm import outbox
from chorus_publishing.main import create_app
from chorus_publishing.service.channel_access import Channels
from chorus_publishing.service.channel_keys import key_ring
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_publishing.service.dispatcher import Dispatcher
from chorus_publishing.service.outgoing_media import MediaSource
from chorus_publishing.settings import PublishingSettings
from chorus_publishing.testing.bus_watch import BusWatch
from chorus_publishing.testing.channel_kit import KEY_A
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.messaging.bus import BusBackend
from chorus_shared.messaging.embedded_backend import EmbeddedBackend
from chorus_shared.messaging.outbox_relay import OutboxRelay
from chorus_shared.testing.embedded_bus import FAST_GROUP_TIMING
from chorus_shared.testing.http import TEST_INTERNAL_SECRET, app_client
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase

TOPIC = "chorus.publishing"


@pytest.fixture(scope="module")
def publishing_db(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("publishing", migrations=Path(chorus_publishing.__file__).parent / "migrations")


@pytest.fixture
async def sessions(publishing_db: MigratedDatabase) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = make_engine(publishing_db.app_url)
    yield make_sessions(engine)
    await engine.dispose()


@pytest.fixture
async def sandbox() -> AsyncIterator[RunningSandbox]:
    async with running_sandbox() as running:
        yield running


@pytest.fixture
def settings(
    publishing_db: MigratedDatabase, embedded_bus_database: MigratedDatabase, sandbox: RunningSandbox, tmp_path: Path
) -> PublishingSettings:
    return PublishingSettings(
        database_url=publishing_db.app_url,
        bus_database_url=embedded_bus_database.app_url,
        internal_token_secret=TEST_INTERNAL_SECRET,
        token_keys=KEY_A,
        media_path=str(tmp_path / "media"),
        sandbox_url=sandbox.base_url,
    )


@pytest.fixture
async def client(settings: PublishingSettings) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(create_app(settings)) as http:
        yield http


@pytest.fixture
async def bus(embedded_bus_database: MigratedDatabase) -> AsyncIterator[BusBackend]:
    backend = EmbeddedBackend(embedded_bus_database.app_url, timing=FAST_GROUP_TIMING)
    await backend.start()
    await backend.ensure_topics([TOPIC])
    try:
        yield backend
    finally:
        await backend.stop()


@pytest.fixture
async def on_bus(bus: BusBackend, publishing_db: MigratedDatabase) -> AsyncIterator[BusWatch]:
    """The outbox relay as the worker runs it, and what it put on the bus."""
    stop, watch = asyncio.Event(), BusWatch()
    engine = make_engine(publishing_db.app_url)
    consumer = await bus.consumer(group=f"tests.flow.{uuid.uuid4().hex[:8]}", topics=[TOPIC])

    async def read() -> None:
        while not stop.is_set():
            for message in await consumer.poll(timeout=0.1):
                watch.take(message)

    running = [
        asyncio.create_task(OutboxRelay(engine, bus, outbox=outbox, poll_interval=0.1).run(stop)),
        asyncio.create_task(read()),
    ]
    try:
        yield watch
    finally:
        stop.set()
        await asyncio.gather(*running)
        await consumer.close()
        await engine.dispose()


@pytest.fixture
async def dispatcher(
    sessions: async_sessionmaker[AsyncSession], settings: PublishingSettings, sandbox: RunningSandbox
) -> AsyncIterator[Dispatcher]:
    """A replica as dispatch_runner builds it (channels' real tokens, the media store), talking to the sandbox."""
    connector = SandboxConnector(sandbox.base_url)
    yield Dispatcher(
        sessions,
        connectors={"sandbox": connector},
        channels=Channels(key_ring(settings)),
        config=DispatchConfig(poll_s=0.05, sweep_s=0.2),
        media=MediaSource(LocalMediaStorage(Path(settings.media_path))),
    )
    await connector.aclose()


@pytest.fixture
async def running(dispatcher: Dispatcher) -> AsyncIterator[None]:
    """The dispatcher's loop for the length of a test, stopped and drained after it."""
    stop = asyncio.Event()
    task = asyncio.create_task(dispatcher.run(stop))
    try:
        yield
    finally:
        stop.set()
        await task
