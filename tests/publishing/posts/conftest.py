"""Posts tests: publishing on a migrated database with its bus, and a media directory per test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

import chorus_publishing
from chorus_publishing.main import create_app
from chorus_publishing.settings import PublishingSettings
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
def media_dir(tmp_path: Path) -> Path:
    return tmp_path / "media"


@pytest.fixture
async def client(
    publishing_db: MigratedDatabase, app_bus_db: MigratedDatabase, media_dir: Path
) -> AsyncIterator[httpx.AsyncClient]:
    settings = PublishingSettings(
        database_url=publishing_db.app_url,
        bus_database_url=app_bus_db.app_url,
        internal_token_secret=TEST_INTERNAL_SECRET,
        media_path=str(media_dir),
        media_max_bytes=4096,
        csv_import_max_rows=50,
    )
    async with app_client(create_app(settings)) as http:
        yield http
