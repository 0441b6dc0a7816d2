"""Gateway test fixtures: the gateway alone (chorus_gateway.testing), and the gateway reaching the real planning and
publishing apps in process, on PostgreSQL with the embedded bus beside them.

The second harness lives here, not in chorus_gateway.testing, because the gateway's package may not import other
services; tests may.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

import chorus_planning
import chorus_publishing
from chorus_gateway.main import create_app as create_gateway
from chorus_gateway.testing import GraphQL, client, gateway_database, gql, new_agency, settings_for
from chorus_planning.main import create_app as create_planning
from chorus_planning.settings import PlanningSettings
from chorus_publishing.main import create_app as create_publishing
from chorus_publishing.settings import PublishingSettings
from chorus_shared.messaging.embedded_schema import bootstrap_bus_schema
from chorus_shared.testing.http import TEST_INTERNAL_SECRET
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase

__all__ = ["client", "gateway_database", "gql", "new_agency"]


class _ByHost(httpx.AsyncBaseTransport):
    """Sends each service call to the in-process app named by the URL's host."""

    def __init__(self, apps: dict[str, httpx.ASGITransport]) -> None:
        self._apps = apps

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._apps[request.url.host].handle_async_request(request)


@dataclass
class Services:
    gateway: FastAPI
    gql: GraphQL


# Shared by every module: tests isolate themselves by agency (tenant), as real agencies are isolated.
@pytest.fixture(scope="session")
def planning_db(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("planning", migrations=Path(chorus_planning.__file__).parent / "migrations")


@pytest.fixture(scope="session")
def publishing_db(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("publishing", migrations=Path(chorus_publishing.__file__).parent / "migrations")


@pytest.fixture(scope="session")
def bus_db(service_database: MakeDatabase) -> MigratedDatabase:
    bus = service_database("bus")
    bootstrap_bus_schema(bus.owner_url)
    return bus


@pytest.fixture
async def services(
    gateway_database: MigratedDatabase,
    planning_db: MigratedDatabase,
    publishing_db: MigratedDatabase,
    bus_db: MigratedDatabase,
) -> AsyncIterator[Services]:
    """The gateway (reading the bus for subscriptions) whose service client reaches planning and publishing."""
    secret = TEST_INTERNAL_SECRET
    planning = create_planning(
        PlanningSettings(
            database_url=planning_db.app_url, bus_database_url=bus_db.app_url, internal_token_secret=secret
        )
    )
    publishing = create_publishing(
        PublishingSettings(
            database_url=publishing_db.app_url, bus_database_url=bus_db.app_url, internal_token_secret=secret
        )
    )
    settings = settings_for(
        gateway_database,
        planning_url="http://planning",
        publishing_url="http://publishing",
        internal_token_secret=secret,
        bus_database_url=bus_db.app_url,
    )
    gateway = create_gateway(settings)
    routes = {"planning": httpx.ASGITransport(app=planning), "publishing": httpx.ASGITransport(app=publishing)}
    async with planning.router.lifespan_context(planning), publishing.router.lifespan_context(publishing):
        await gateway.state.gateway.http.aclose()
        gateway.state.gateway.http = httpx.AsyncClient(transport=_ByHost(routes))
        try:
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=gateway), base_url="http://gateway") as http:
                yield Services(gateway=gateway, gql=GraphQL(http))
        finally:
            await gateway.state.gateway.close()


@pytest.fixture
def gql_services(services: Services) -> GraphQL:
    return services.gql


@pytest.fixture
def gql_planning(services: Services) -> GraphQL:
    """The same harness, named for tests that only use planning's areas."""
    return services.gql
