"""Alembic, one history per service. Migrations run as the migration role with a synchronous driver."""

from __future__ import annotations

from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, create_engine, pool


def sync_url(url: str) -> str:
    """Alembic runs synchronously: `postgresql+asyncpg://` becomes `postgresql+psycopg://`."""
    return url.replace("+asyncpg", "+psycopg", 1)


def alembic_config(script_location: Path, url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    # configparser treats % as interpolation; URLs may contain percent-encoded passwords.
    config.set_main_option("sqlalchemy.url", sync_url(url).replace("%", "%%"))
    return config


def run_migrations(script_location: Path, url: str, *, revision: str = "heads") -> None:
    command.upgrade(alembic_config(script_location, url), revision)


def downgrade(script_location: Path, url: str, *, revision: str = "base") -> None:
    command.downgrade(alembic_config(script_location, url), revision)


def run_alembic_env(metadata: MetaData, *, version_table: str = "alembic_version") -> None:
    """Body of every service's migrations/env.py (online mode only: we always migrate a live database)."""
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("sqlalchemy.url is not set: run migrations through chorus_shared.db.migrate")
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            version_table=version_table,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
