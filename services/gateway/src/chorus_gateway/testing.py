"""Test support for the gateway (pytest fixtures and helpers): a migrated database, the app over ASGI, agencies."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

import chorus_gateway
from chorus_gateway.adapters.orm import outbox
from chorus_gateway.main import create_app
from chorus_gateway.service.agencies import AgencyCreated, create_agency
from chorus_gateway.settings import GatewaySettings
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase

MIGRATIONS = Path(chorus_gateway.__file__).parent / "migrations"
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def gateway_database(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("gateway", migrations=MIGRATIONS)


def settings_for(database: MigratedDatabase, **overrides: Any) -> GatewaySettings:
    return GatewaySettings(database_url=database.app_url, **{"env": "test", **overrides})


@asynccontextmanager
async def gateway_client(settings: GatewaySettings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings)
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gateway") as client:
            yield client
    finally:
        await app.state.gateway.close()


@pytest.fixture
async def client(gateway_database: MigratedDatabase) -> AsyncIterator[httpx.AsyncClient]:
    async with gateway_client(settings_for(gateway_database)) as http:
        yield http


@dataclass
class GraphQL:
    client: httpx.AsyncClient

    async def __call__(self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def gql(client: httpx.AsyncClient) -> GraphQL:
    return GraphQL(client)


async def create_agency_in(
    database: MigratedDatabase, *, name: str = "Agency", email: str | None = None
) -> AgencyCreated:
    """An agency made as the operator's command does: through the runtime role, outside any request."""
    engine = make_engine(database.app_url, pool_size=1, max_overflow=0)
    try:
        async with UnitOfWork(make_sessions(engine), outbox=outbox, source="test") as uow:
            created = await create_agency(
                uow.session,
                name=name,
                owner_email=email or f"owner-{uuid.uuid4().hex[:8]}@example.com",
                owner_password=PASSWORD,
                bootstrap_only=False,
                actor="test",
            )
            await uow.commit()
        return created
    finally:
        await engine.dispose()


NewAgency = Callable[..., Awaitable[AgencyCreated]]


@pytest.fixture
def new_agency(gateway_database: MigratedDatabase) -> NewAgency:
    async def make(**kwargs: Any) -> AgencyCreated:
        return await create_agency_in(gateway_database, **kwargs)

    return make


async def audit_actions(database: MigratedDatabase, tenant_id: uuid.UUID) -> list[tuple[str, str | None]]:
    """(action, target) of the tenant's audit rows, oldest first, read through the runtime role under RLS."""
    engine = make_engine(database.app_url, pool_size=1, max_overflow=0)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("SELECT set_config('app.tenant_id', :t, true)"), {"t": str(tenant_id)})
            rows = await connection.execute(text("SELECT action, target FROM audit_events ORDER BY occurred_at, id"))
            return [(row.action, row.target) for row in rows]
    finally:
        await engine.dispose()


ADD_MEMBER = """
mutation($input: AddMemberInput!) {
  addMember(input: $input) {
    __typename
    ... on MemberAdded { member { id role brandIds user { email } } }
    ... on Problem { message code }
    ... on ValidationErrors { fields { field message code } }
  }
}
"""

LOGIN = """
mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    __typename
    ... on LoginSuccess { token expiresAt }
    ... on WrongCredentials { message }
  }
}
"""


async def add_member(
    gql: GraphQL, token: str, *, role: str, brand_ids: list[str] | None = None, email: str | None = None
) -> dict[str, Any]:
    member_input = {
        "email": email or f"{role}-{uuid.uuid4().hex[:8]}@example.com",
        "password": PASSWORD,
        "role": role,
        "brandIds": brand_ids,
    }
    body = await gql(ADD_MEMBER, {"input": member_input}, token=token)
    result: dict[str, Any] = body["data"]["addMember"]
    result["email"] = member_input["email"]
    return result


async def login_token(gql: GraphQL, email: str, password: str = PASSWORD) -> str:
    body = await gql(LOGIN, {"email": email, "password": password})
    token: str = body["data"]["login"]["token"]
    return token
