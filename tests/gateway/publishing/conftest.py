"""The gateway reaching the real planning and publishing apps in process (PostgreSQL, the embedded bus beside them),
and brands both services know, with the approval policy a test needs."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import pytest

from chorus_gateway.testing import GraphQL, add_member, login_token
from chorus_publishing.testing.post_kit import deliver
from chorus_shared.messaging.contracts.planning import BrandCreatedV1
from chorus_shared.messaging.contracts.planning_brand_voice import (
    ApprovalPolicy,
    BrandPoliciesChangedV1,
    LatePostMode,
)
from chorus_shared.testing.postgres import MigratedDatabase

PROBLEM = "... on Problem { __typename code message } ... on ValidationErrors { fields { field code } }"


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
def kit(gql_services: GraphQL, publishing_db: MigratedDatabase) -> PublishingKit:
    return PublishingKit(gql_services, publishing_db)


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
