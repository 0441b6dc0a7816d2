"""What lives as long as the app: settings, the database engine and sessions, the HTTP client for services."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from chorus_gateway.graphql.publishing.event_hub import PostEventHub
from chorus_gateway.settings import GatewaySettings
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.runtime.bus import make_backend


@dataclass
class GatewayState:
    settings: GatewaySettings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    http: httpx.AsyncClient
    # Post state changes for subscriptions; reads the bus only once someone subscribes.
    post_events: PostEventHub

    @classmethod
    def create(cls, settings: GatewaySettings) -> GatewayState:
        engine = make_engine(settings.database_url)
        http = httpx.AsyncClient(timeout=settings.service_timeout_seconds)
        hub = PostEventHub(lambda: make_backend(settings))
        return cls(settings=settings, engine=engine, sessions=make_sessions(engine), http=http, post_events=hub)

    async def close(self) -> None:
        await self.post_events.close()
        await self.http.aclose()
        await self.engine.dispose()
