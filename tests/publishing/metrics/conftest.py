"""Metrics tests: publishing on a migrated database with its bus, the REST app, and sessions of the runtime role."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import chorus_publishing
from chorus_publishing.main import create_app
from chorus_publishing.settings import PublishingSettings
from chorus_publishing.testing.channel_kit import KEY_A
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.messaging.embedded_schema import bootstrap_bus_schema
from chorus_shared.testing.http import TEST_INTERNAL_SECRET, app_client
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase


@pytest.fixture(scope="module")
def publishing_db(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("publishing", migrations=Path(chorus_publishing.__file__).parent / "migrations")


@pytest.fixture(scope="module")
def app_bus_db(service_database: MakeDatabase) -> MigratedDatabase:
    bus = service_database("bus")
    bootstrap_bus_schema(bus.owner_url)
    return bus


@pytest.fixture
def settings(publishing_db: MigratedDatabase, app_bus_db: MigratedDatabase) -> PublishingSettings:
    return PublishingSettings(
        database_url=publishing_db.app_url,
        bus_database_url=app_bus_db.app_url,
        internal_token_secret=TEST_INTERNAL_SECRET,
        token_keys=KEY_A,
    )


@pytest.fixture
async def client(settings: PublishingSettings) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(create_app(settings)) as http:
        yield http


@pytest.fixture
async def sessions(publishing_db: MigratedDatabase) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = make_engine(publishing_db.app_url)
    yield make_sessions(engine)
    await engine.dispose()
