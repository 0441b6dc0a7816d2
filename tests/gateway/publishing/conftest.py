"""The gateway reaching the real planning and publishing apps in process (PostgreSQL, the embedded bus beside them),
and brands both services know, with the approval policy a test needs."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

import chorus_planning
import chorus_publishing
from chorus_gateway.main import create_app as create_gateway
from chorus_gateway.testing import GraphQL, add_member, login_token, settings_for
from chorus_planning.main import create_app as create_planning
from chorus_planning.settings import PlanningSettings
from chorus_publishing.main import create_app as create_publishing
from chorus_publishing.settings import PublishingSettings
from chorus_publishing.testing.post_kit import deliver
from chorus_shared.messaging.contracts.planning import BrandCreatedV1
from chorus_shared.messaging.contracts.planning_brand_voice import (
    ApprovalPolicy,
    BrandPoliciesChangedV1,
    LatePostMode,
)
from chorus_shared.messaging.embedded_schema import bootstrap_bus_schema
from chorus_shared.testing.http import TEST_INTERNAL_SECRET
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase

PROBLEM = "... on Problem { __typename code message } ... on ValidationErrors { fields { field code } }"


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


@pytest.fixture(scope="module")
def planning_db(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("planning", migrations=Path(chorus_planning.__file__).parent / "migrations")


@pytest.fixture(scope="module")
def publishing_db(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("publishing", migrations=Path(chorus_publishing.__file__).parent / "migrations")


@pytest.fixture(scope="module")
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


@dataclass
class PublishingKit:
    """Brands both services know, members, and sandbox channels, made the way users and planning's events make them."""

    gql: GraphQL
    publishing_db: MigratedDatabase

    async def brand(self, token: str, tenant: uuid.UUID, policy: ApprovalPolicy = ApprovalPolicy.INTERNAL) -> str:
        """A brand made in planning and handed to publishing (with its approval policy) as planning's events would."""
        created = await self.gql(
            'mutation { createBrand(input: {name: "Kettle Co", timezone: "Europe/Paris", languages: ["fr"]}) '
            "{ __typename ... on Brand { id } } }",
            token=token,
        )
        brand = str(created["data"]["createBrand"]["id"])
        brand_id = uuid.UUID(brand)
        made = BrandCreatedV1(brand_id=brand_id, name="Kettle Co", timezone="Europe/Paris", languages=["fr"])
        await deliver(self.publishing_db, tenant, made, brand)
        policies = BrandPoliciesChangedV1(
            brand_id=brand_id,
            approval_policy=policy,
            late_post_mode=LatePostMode.PUBLISH_LATE,
            late_window_minutes=30,
            version=2,
        )
        await deliver(self.publishing_db, tenant, policies, brand)
        return brand

    async def member(self, owner_token: str, role: str, brand_ids: list[str] | None = None) -> str:
        member = await add_member(self.gql, owner_token, role=role, brand_ids=brand_ids)
        return await login_token(self.gql, member["email"])

    async def sandbox_channel(self, token: str, brand: str, account: str = "kettle") -> str:
        answer = {"input": {"brandId": brand, "network": "SANDBOX", "secret": "sandbox-token", "account": account}}
        connected = (await self.gql(CONNECT_TOKEN, answer, token=token))["data"]["connectChannelWithToken"]
        assert connected["__typename"] == "Channel", connected
        return str(connected["id"])


@pytest.fixture
def gql_services(services: Services) -> GraphQL:
    return services.gql


@pytest.fixture
def kit(services: Services, publishing_db: MigratedDatabase) -> PublishingKit:
    return PublishingKit(services.gql, publishing_db)


@pytest.fixture
def new_brand(kit: PublishingKit) -> Callable[..., Awaitable[str]]:
    """`await new_brand(token, tenant_id, policy=ApprovalPolicy.INTERNAL)` -> brand id."""
    return kit.brand


@pytest.fixture
def new_member(kit: PublishingKit) -> Callable[..., Awaitable[str]]:
    """`await new_member(owner_token, role, brand_ids=None)` -> the member's session token."""
    return kit.member


@pytest.fixture
def new_channel(kit: PublishingKit) -> Callable[..., Awaitable[str]]:
    """`await new_channel(token, brand, account="kettle")` -> a connected sandbox channel's id."""
    return kit.sandbox_channel


CONNECT_TOKEN = f"""
mutation($input: ConnectChannelWithTokenInput!) {{
  connectChannelWithToken(input: $input) {{
    __typename ... on Channel {{ id network displayName tokenHealth {{ status expiresAt reconnectPath }} }} {PROBLEM}
  }}
}}
"""
