"""Test kit of the dispatcher: channels that hand out sandbox credentials, brands, publications, waiting."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.networks.connector import Credentials, NetworkConnector
from chorus_publishing.adapters.orm import outbox
from chorus_publishing.domain.publication import Publication, PublicationContent, Timing
from chorus_publishing.domain.rate_limits import NetworkLimits
from chorus_publishing.service.brand_references import on_brand_event
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_publishing.service.dispatcher import Dispatcher
from chorus_publishing.service.publications import schedule_publication
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.planning import BrandCreatedV1
from chorus_shared.messaging.envelope import CloudEvent


@dataclass
class SandboxChannels:
    """Stands in for the channels module: every channel is a sandbox account named after its id."""

    disconnected: dict[uuid.UUID, str] = field(default_factory=dict)

    async def credentials_for(self, uow: UnitOfWork, channel_id: uuid.UUID) -> Credentials | None:
        if channel_id in self.disconnected:
            return None
        return Credentials(access_token="sandbox-token", account_id=str(channel_id))

    async def mark_disconnected(self, uow: UnitOfWork, channel_id: uuid.UUID, reason: str) -> None:
        self.disconnected[channel_id] = reason


def uow_for(sessions: async_sessionmaker[AsyncSession], tenant: uuid.UUID) -> UnitOfWork:
    return UnitOfWork(sessions, outbox=outbox, source="tests", tenant_id=tenant)


async def known_brand(
    sessions: async_sessionmaker[AsyncSession], tenant: uuid.UUID, tz: str = "Europe/Paris"
) -> uuid.UUID:
    brand_id = uuid.uuid4()
    created = BrandCreatedV1(brand_id=brand_id, name="Kettle Co", timezone=tz, languages=["fr"])
    event = CloudEvent(
        type=created.event_type,
        source="chorus.planning",
        subject=str(brand_id),
        tenantid=str(tenant),
        data=created.model_dump(mode="json"),
    )
    async with uow_for(sessions, tenant) as uow:
        await on_brand_event(uow, event)
        await uow.commit()
    return brand_id


async def schedule_many(
    sessions: async_sessionmaker[AsyncSession],
    tenant: uuid.UUID,
    brand: uuid.UUID,
    channels: list[uuid.UUID],
    count: int,
    *,
    timing: Timing = Timing.NOW,
    at: datetime | None = None,
    network: str = "sandbox",
    content: PublicationContent | None = None,
) -> list[Publication]:
    made = []
    async with uow_for(sessions, tenant) as uow:
        for n in range(count):
            made.append(
                await schedule_publication(
                    uow,
                    brand_id=brand,
                    post_id=uuid.uuid4(),
                    variant_id=uuid.uuid4(),
                    channel_id=channels[n % len(channels)],
                    network=network,
                    content=content or PublicationContent(text=f"post {n}"),
                    timing=timing,
                    at=at,
                    by="tests",
                )
            )
        await uow.commit()
    return made


async def run_until(dispatchers: list[Dispatcher], done: Callable[[], Awaitable[bool]], timeout: float = 60.0) -> None:
    stop = asyncio.Event()
    tasks = [asyncio.create_task(d.run(stop)) for d in dispatchers]
    try:
        async with asyncio.timeout(timeout):
            while not await done():
                await asyncio.sleep(0.1)
    finally:
        stop.set()
        await asyncio.gather(*tasks)


async def run_sandbox_dispatcher_until_published(
    sessions: async_sessionmaker[AsyncSession], tenant: uuid.UUID, connector: NetworkConnector, *, timeout: float
) -> None:
    """One dispatcher on the sandbox network, polling and sweeping fast, until the tenant's one publication is
    published (reconciliation included); the connector is closed after."""
    dispatcher = Dispatcher(
        sessions,
        connectors={"sandbox": connector},
        channels=SandboxChannels(),
        config=DispatchConfig(poll_s=0.05, sweep_s=0.2, limits={"sandbox": NetworkLimits(99, 60)}),
    )

    async def published() -> bool:
        return bool((await states(sessions, tenant))["published"] == 1)

    try:
        await run_until([dispatcher], published, timeout=timeout)
    finally:
        await connector.aclose()


async def states(sessions: async_sessionmaker[AsyncSession], tenant: uuid.UUID) -> Counter[str]:
    async with sessions() as session, session.begin():
        await session.execute(text("SELECT set_config('app.tenant_id', :t, true)"), {"t": str(tenant)})
        rows = await session.execute(text("SELECT state, count(*) AS n FROM publications GROUP BY state"))
        return Counter({row.state: row.n for row in rows})


async def tenant_rows(
    sessions: async_sessionmaker[AsyncSession], tenant: uuid.UUID, sql: str, **params: object
) -> list[Any]:
    async with sessions() as session, session.begin():
        await session.execute(text("SELECT set_config('app.tenant_id', :t, true)"), {"t": str(tenant)})
        return list(await session.execute(text(sql), params))
