"""The gateway reaching the real planning app in process (planning on PostgreSQL, the embedded bus beside it),
an agency owner with a fresh brand, and a way to read the one field a GraphQL operation answers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

import chorus_planning
from chorus_gateway.main import create_app as create_gateway
from chorus_gateway.testing import GraphQL, NewAgency, settings_for
from chorus_planning.main import create_app as create_planning
from chorus_planning.settings import PlanningSettings
from chorus_shared.messaging.embedded_schema import bootstrap_bus_schema
from chorus_shared.testing.http import TEST_INTERNAL_SECRET
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase

CREATE_BRAND = """
mutation { createBrand(input: {name: "Maison", timezone: "Europe/Paris", languages: ["fr"]}) { ... on Brand { id } } }
"""


@pytest.fixture(scope="module")
def planning_db(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("planning", migrations=Path(chorus_planning.__file__).parent / "migrations")


@pytest.fixture(scope="module")
def bus_db(service_database: MakeDatabase) -> MigratedDatabase:
    bus = service_database("bus")
    bootstrap_bus_schema(bus.owner_url)
    return bus


@pytest.fixture
async def gql_planning(
    gateway_database: MigratedDatabase, planning_db: MigratedDatabase, bus_db: MigratedDatabase
) -> AsyncIterator[GraphQL]:
    """The gateway whose service client reaches the planning app in process."""
    planning = create_planning(
        PlanningSettings(
            database_url=planning_db.app_url,
            bus_database_url=bus_db.app_url,
            internal_token_secret=TEST_INTERNAL_SECRET,
        )
    )
    settings = settings_for(
        gateway_database, planning_url="http://planning", internal_token_secret=TEST_INTERNAL_SECRET
    )
    gateway = create_gateway(settings)
    async with planning.router.lifespan_context(planning):
        await gateway.state.gateway.http.aclose()
        gateway.state.gateway.http = httpx.AsyncClient(transport=httpx.ASGITransport(app=planning))
        try:
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=gateway), base_url="http://gateway") as http:
                yield GraphQL(http)
        finally:
            await gateway.state.gateway.close()


@pytest.fixture
async def owner_brand(gql_planning: GraphQL, new_agency: NewAgency) -> tuple[str, str]:
    """(the API key of a new agency's owner, the id of a brand of that agency)."""
    token = (await new_agency()).api_key_plaintext
    created = await gql_planning(CREATE_BRAND, token=token)
    return token, str(created["data"]["createBrand"]["id"])


@pytest.fixture
def answer(gql_planning: GraphQL) -> Callable[..., Awaitable[dict[str, Any]]]:
    """`await answer(query, token, **variables)`: the one field the operation answers; GraphQL errors fail."""

    async def first_field(query: str, token: str, **variables: Any) -> dict[str, Any]:
        body = await gql_planning(query, variables, token=token)
        assert "errors" not in body, body
        result: dict[str, Any] = next(iter(body["data"].values()))
        return result

    return first_field
