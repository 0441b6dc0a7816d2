"""Helpers for posts tests: callers of one agency, brands and policies from planning, outbox reading, bodies."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from chorus_publishing.adapters.channels import ChannelRepository
from chorus_publishing.adapters.orm import outbox
from chorus_publishing.domain.channel import Channel, Network
from chorus_publishing.service.brand_references import on_brand_event
from chorus_publishing.service.content_handover import on_planning_event
from chorus_shared.auth import Role
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.contracts.planning import BrandCreatedV1
from chorus_shared.messaging.contracts.planning_brand_voice import (
    ApprovalPolicy,
    BrandPoliciesChangedV1,
    LatePostMode,
)
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.testing.http import auth_headers, principal
from chorus_shared.testing.postgres import MigratedDatabase


class Agency:
    """One agency's callers: owner, social media manager, community manager, analyst, and clients of brands."""

    def __init__(self) -> None:
        self.id = uuid.uuid4()
        self.owner = auth_headers(principal(self.id, Role.OWNER, subject="owner"))
        self.smm = auth_headers(principal(self.id, Role.SOCIAL_MEDIA_MANAGER, subject="smm"))
        self.cm = auth_headers(principal(self.id, Role.COMMUNITY_MANAGER, subject="cm"))
        self.analyst = auth_headers(principal(self.id, Role.ANALYST, subject="analyst"))

    def client_of(self, *brand_ids: str) -> dict[str, str]:
        brands = [uuid.UUID(b) for b in brand_ids]
        return auth_headers(principal(self.id, Role.CLIENT, brands=brands, subject="client-" + brand_ids[0][:8]))


async def deliver(database: MigratedDatabase, tenant: uuid.UUID, payload: EventPayload, subject: str) -> None:
    """Hand one planning event to publishing's real handlers, as the worker would."""
    event = CloudEvent(
        type=payload.event_type,
        source="chorus.planning",
        subject=subject,
        tenantid=str(tenant),
        data=payload.model_dump(mode="json"),
    )
    engine = make_engine(database.app_url)
    try:
        async with UnitOfWork(make_sessions(engine), outbox=outbox, source="tests", tenant_id=tenant) as uow:
            await on_brand_event(uow, event)
            await on_planning_event(uow, event)
            await uow.commit()
    finally:
        await engine.dispose()


async def known_brand(
    database: MigratedDatabase, agency: Agency, policy: ApprovalPolicy = ApprovalPolicy.INTERNAL
) -> str:
    """A brand publishing learned from planning, with its approval policy."""
    brand_id = uuid.uuid4()
    created = BrandCreatedV1(brand_id=brand_id, name="Kettle Co", timezone="Europe/Paris", languages=["fr"])
    await deliver(database, agency.id, created, str(brand_id))
    policies = BrandPoliciesChangedV1(
        brand_id=brand_id,
        approval_policy=policy,
        late_post_mode=LatePostMode.PUBLISH_LATE,
        late_window_minutes=30,
        version=2,
    )
    await deliver(database, agency.id, policies, str(brand_id))
    return str(brand_id)


async def connected(database: MigratedDatabase, agency: Agency, brand: str, network: str = "mastodon") -> str:
    """A channel of the brand on `network`, as the channels API records it; its id."""
    channel = Channel.connect(
        tenant_id=agency.id,
        brand_id=uuid.UUID(brand),
        network=Network(network),
        account_id=uuid.uuid4().hex[:10],
        display_name=f"Kettle Co on {network}",
        by="owner",
        now=datetime.now(UTC),
    )
    engine = make_engine(database.app_url)
    try:
        async with UnitOfWork(make_sessions(engine), outbox=outbox, source="tests", tenant_id=agency.id) as uow:
            await ChannelRepository(uow.session).add(channel)
            await uow.commit()
    finally:
        await engine.dispose()
    return str(channel.id)


async def outbox_events(database: MigratedDatabase, subject: str) -> list[tuple[str, dict[str, object]]]:
    """(type, data) of the events recorded about `subject`, oldest first."""
    engine = create_async_engine(database.owner_url)
    async with engine.connect() as conn:
        rows = (
            await conn.execute(
                text("SELECT event_type, value FROM outbox WHERE key = :k ORDER BY id"), {"k": subject.encode()}
            )
        ).all()
    await engine.dispose()
    return [(row.event_type, json.loads(row.value)) for row in rows]


def variant(network: str = "mastodon", text: str = "Spring is here.", **extra: object) -> dict[str, object]:
    return {"network": network, "channel_id": str(uuid.uuid4()), "text": text, **extra}


async def new_post(
    client: httpx.AsyncClient, agency: Agency, brand: str, *variants: Mapping[str, object], **extra: object
) -> dict[str, Any]:
    body = {"brand_id": brand, "variants": list(variants) or [variant()], **extra}
    response = await client.post("/posts", json=body, headers=agency.cm)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created
