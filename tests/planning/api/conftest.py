"""The planning service on a real, migrated database, with the embedded bus beside it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

import chorus_planning
from chorus_planning.main import create_app
from chorus_planning.settings import PlanningSettings
from chorus_shared.messaging.embedded_schema import bootstrap_bus_schema
from chorus_shared.testing.http import TEST_INTERNAL_SECRET, app_client
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase


@pytest.fixture(scope="module")
def planning_db(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("planning", migrations=Path(chorus_planning.__file__).parent / "migrations")


@pytest.fixture(scope="module")
def bus_db(service_database: MakeDatabase) -> MigratedDatabase:
    bus = service_database("bus")
    bootstrap_bus_schema(bus.owner_url)
    return bus


@pytest.fixture
async def client(planning_db: MigratedDatabase, bus_db: MigratedDatabase) -> AsyncIterator[httpx.AsyncClient]:
    settings = PlanningSettings(
        database_url=planning_db.app_url,
        bus_database_url=bus_db.app_url,
        internal_token_secret=TEST_INTERNAL_SECRET,
    )
    async with app_client(create_app(settings)) as http:
        yield http
