"""What an API process holds for its lifetime: the database engine, session factory and bus, plus readiness checks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from chorus_shared.api.health import ReadinessCheck
from chorus_shared.auth import install_internal_auth
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.messaging.bus import BusBackend
from chorus_shared.runtime.bus import make_backend
from chorus_shared.settings import ChorusSettings


def database_check(app: FastAPI) -> ReadinessCheck:
    async def check() -> None:
        engine: AsyncEngine = app.state.engine
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    return check


def bus_check(app: FastAPI) -> ReadinessCheck:
    async def check() -> None:
        backend: BusBackend = app.state.bus
        await backend.ping()

    return check


def readiness(app: FastAPI) -> dict[str, ReadinessCheck]:
    return {"database": database_check(app), "bus": bus_check(app)}


@asynccontextmanager
async def service_resources(app: FastAPI, settings: ChorusSettings) -> AsyncIterator[None]:
    """Lifespan body: open the engine and the bus connection, close them on shutdown."""
    install_internal_auth(app, settings)
    app.state.settings = settings
    app.state.engine = make_engine(settings.database_url)
    app.state.sessions = make_sessions(app.state.engine)
    app.state.bus = make_backend(settings)
    await app.state.bus.start()
    try:
        yield
    finally:
        await app.state.bus.stop()
        await app.state.engine.dispose()
