"""Dispatch tests' fixtures: a migrated publishing database per module and sessions of the runtime role."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import chorus_publishing
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase


@pytest.fixture(scope="module")
def publishing_db(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("publishing", migrations=Path(chorus_publishing.__file__).parent / "migrations")


@pytest.fixture
async def sessions(publishing_db: MigratedDatabase) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = make_engine(publishing_db.app_url)
    yield make_sessions(engine)
    await engine.dispose()
