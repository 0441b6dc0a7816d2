"""create_app(): the gateway's FastAPI app with /graphql, health, readiness and metrics."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import text

from chorus_gateway.graphql.router import ChorusGraphQLRouter
from chorus_gateway.graphql.schema import build_schema
from chorus_gateway.settings import GatewaySettings
from chorus_gateway.state import GatewayState
from chorus_shared.api.app import create_service_app


def create_app(settings: GatewaySettings | None = None) -> FastAPI:
    settings = settings or GatewaySettings()
    # Built now, not in the lifespan, so an app driven without lifespan events (tests, ASGI transports) works.
    state = GatewayState.create(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        await state.close()

    async def database_ready() -> None:
        async with state.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    router = ChorusGraphQLRouter(build_schema(settings), graphiql=not settings.is_production)
    app = create_service_app(
        service="gateway", routers=[], readiness=lambda _: {"database": database_ready}, lifespan=lifespan
    )
    app.include_router(router, prefix="/graphql")
    app.state.gateway = state
    return app
