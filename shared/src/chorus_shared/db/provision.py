"""Creates a service's database and its two roles: the migration role owns the tables, the runtime role owns
nothing, has no BYPASSRLS, and gets only row privileges. Idempotent: `chorus up` runs it at every start."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg import sql


@dataclass(frozen=True)
class ServiceDatabase:
    """Names and credentials of one service's database."""

    service: str
    database: str
    owner_role: str
    owner_password: str
    app_role: str
    app_password: str

    @classmethod
    def for_service(cls, service: str, *, database: str | None = None, secret: str = "chorus") -> ServiceDatabase:
        db = database or f"chorus_{service}"
        return cls(
            service=service,
            database=db,
            owner_role=f"{db}_owner",
            owner_password=f"{secret}-{db}-owner",
            app_role=f"{db}_app",
            app_password=f"{secret}-{db}-app",
        )

    def owner_url(self, host: str, port: int) -> str:
        return f"postgresql+asyncpg://{self.owner_role}:{self.owner_password}@{host}:{port}/{self.database}"

    def app_url(self, host: str, port: int) -> str:
        return f"postgresql+asyncpg://{self.app_role}:{self.app_password}@{host}:{port}/{self.database}"


def provision(admin_dsn: str, spec: ServiceDatabase) -> None:
    """Create (or bring up to date) the roles, the database and the runtime role's default privileges."""
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        _ensure_role(conn, spec.owner_role, spec.owner_password)
        _ensure_role(conn, spec.app_role, spec.app_password)
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (spec.database,)).fetchone()
        if not exists:
            conn.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(spec.database), sql.Identifier(spec.owner_role)
                )
            )
        conn.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(sql.Identifier(spec.database)))
        conn.execute(
            sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}").format(
                sql.Identifier(spec.database), sql.Identifier(spec.app_role)
            )
        )
    with psycopg.connect(_with_database(admin_dsn, spec.database), autocommit=True) as conn:
        owner, app = sql.Identifier(spec.owner_role), sql.Identifier(spec.app_role)
        conn.execute(sql.SQL("ALTER SCHEMA public OWNER TO {}").format(owner))
        conn.execute(sql.SQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
        conn.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(app))
        # Tables the migration role creates later are usable, row by row, by the runtime role.
        conn.execute(
            sql.SQL(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA public "
                "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}"
            ).format(owner, app)
        )
        conn.execute(
            sql.SQL(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {}"
            ).format(owner, app)
        )


def drop(admin_dsn: str, spec: ServiceDatabase) -> None:
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(spec.database)))


def _ensure_role(conn: psycopg.Connection[tuple[object, ...]], role: str, password: str) -> None:
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    verb = "ALTER" if exists else "CREATE"
    conn.execute(
        sql.SQL(verb + " ROLE {} LOGIN PASSWORD {} NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS").format(
            sql.Identifier(role), sql.Literal(password)
        )
    )


def _with_database(dsn: str, database: str) -> str:
    base, _, _ = dsn.rpartition("/")
    return f"{base}/{database}"
