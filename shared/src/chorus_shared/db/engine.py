"""Async engines and session factories (SQLAlchemy 2 + asyncpg)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import event, exc
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


def make_engine(
    url: str,
    *,
    pool_size: int = 10,
    max_overflow: int = 10,
    ping: bool = True,
    server_settings: Mapping[str, str] | None = None,
) -> AsyncEngine:
    """An engine whose pool hands out live connections.

    With `ping` (request handlers), each checkout asks the server first: on asyncpg that is three round trips
    (BEGIN, an empty query, ROLLBACK). A loop that checks out a connection per small batch (the dispatcher) passes
    `ping=False`: a connection the server has closed (restart, failover, idle timeout) is known to asyncpg from its
    socket and is replaced at checkout at no cost (asyncpg's `is_closed`: the project's driver). One cut silently on
    the way is found by its first statement: that unit of work fails (the dispatcher's loops log it and go on) and
    the error invalidates the pool.

    `server_settings` are PostgreSQL settings every connection of the pool starts with.
    """
    engine = create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_pre_ping=ping,
        connect_args={"server_settings": dict(server_settings)} if server_settings else {},
    )
    if not ping:
        event.listen(engine.sync_engine, "checkout", _replace_if_closed)
    return engine


def _replace_if_closed(dbapi_connection: Any, record: Any, proxy: Any) -> None:
    if dbapi_connection.driver_connection.is_closed():
        raise exc.DisconnectionError("the server closed this connection; the pool opens another")


def make_sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # expire_on_commit=False: objects stay readable after the unit of work commits (responses are built then).
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
