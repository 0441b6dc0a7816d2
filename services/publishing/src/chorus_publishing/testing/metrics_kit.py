"""Metrics test kit: a published post on a real sandbox channel, ready for its metrics to be collected."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.networks.connector import Credentials, PostContent
from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.orm import outbox
from chorus_publishing.service.metrics_schedules import on_publishing_event
from chorus_publishing.testing.channel_kit import known_brand
from chorus_shared.auth import Role
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.publishing import PostPublishedV1
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.testing.http import auth_headers, principal
from chorus_shared.testing.postgres import MigratedDatabase


@dataclass
class World:
    tenant: uuid.UUID
    brand: str
    channel: str
    account: str
    post: str
    network_post_id: str
    cm: dict[str, str]
    smm: dict[str, str]


async def published_world(client: httpx.AsyncClient, database: MigratedDatabase, sandbox: SandboxConnector) -> World:
    """A brand with a sandbox channel (connected the way a person does), a post on it and that post live on
    the sandbox. Its post.published event is for the test to deliver (`published_event`)."""
    tenant = uuid.uuid4()
    smm = auth_headers(principal(tenant, Role.SOCIAL_MEDIA_MANAGER, subject="smm"))
    cm = auth_headers(principal(tenant, Role.COMMUNITY_MANAGER, subject="cm"))
    brand = str(await known_brand(database, tenant))
    account = f"acct-{uuid.uuid4().hex[:8]}"
    body = {"network": "sandbox", "secret": "sandbox-token", "account": account}
    channel = await client.post(f"/brands/{brand}/channels/token", json=body, headers=smm)
    assert channel.status_code == 200, channel.text
    channel_id = channel.json()["id"]
    variant = {"network": "sandbox", "channel_id": channel_id, "text": "Spring is here."}
    post = await client.post("/posts", json={"brand_id": brand, "variants": [variant]}, headers=cm)
    assert post.status_code == 201, post.text
    live = await sandbox.publish(
        Credentials(access_token="sandbox-token", account_id=account),
        PostContent(text="Spring is here."),
        idempotency_key=uuid.uuid4().hex,
    )
    return World(tenant, brand, channel_id, account, post.json()["id"], live.network_post_id, cm, smm)


def published_event(world: World, *, hours_ago: float = 2, with_network_id: bool = True) -> PostPublishedV1:
    return PostPublishedV1(
        post_id=uuid.UUID(world.post),
        brand_id=uuid.UUID(world.brand),
        channel=world.channel,
        network="sandbox",
        published_at=datetime.now(UTC) - timedelta(hours=hours_ago),
        network_post_id=world.network_post_id if with_network_id else None,
    )


def as_event(tenant: uuid.UUID, payload: Any, subject: str) -> CloudEvent:
    return CloudEvent(
        type=payload.event_type,
        source="chorus.publishing",
        subject=subject,
        tenantid=str(tenant),
        data=payload.model_dump(mode="json"),
    )


async def deliver(sessions: async_sessionmaker[AsyncSession], tenant: uuid.UUID, payload: Any, subject: str) -> None:
    """Hand one publishing event to the metrics consumer's handler, as the worker does."""
    async with UnitOfWork(sessions, outbox=outbox, source="tests", tenant_id=tenant) as uow:
        await on_publishing_event(uow, as_event(tenant, payload, subject))
        await uow.commit()
