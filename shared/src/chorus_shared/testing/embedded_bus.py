"""Embedded-bus test fixtures: one bus database per test session on the real PostgreSQL test server."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from chorus_shared.messaging.embedded_backend import EmbeddedBackend
from chorus_shared.messaging.embedded_consumer import GroupTiming
from chorus_shared.messaging.embedded_schema import bus_metadata
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase

__all__ = ["FAST_GROUP_TIMING", "embedded_backend", "embedded_bus_database"]

# Quick rebalances so tests about members joining and dying take seconds, not the production defaults.
FAST_GROUP_TIMING = GroupTiming(poll_interval=0.5, heartbeat_interval=0.2, session_timeout=2.0)


@pytest.fixture(scope="session")
def embedded_bus_database(service_database: MakeDatabase) -> MigratedDatabase:
    """The bus tables, created by the owner role; backends connect as the runtime role (`.app_url`)."""
    return service_database("bus", metadata=bus_metadata)


@pytest.fixture
async def embedded_backend(embedded_bus_database: MigratedDatabase) -> AsyncIterator[EmbeddedBackend]:
    backend = EmbeddedBackend(embedded_bus_database.app_url, timing=FAST_GROUP_TIMING)
    await backend.start()
    try:
        yield backend
    finally:
        await backend.stop()
