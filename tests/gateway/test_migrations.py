"""The Alembic history builds exactly the tables the ORM declares: no drift between migration and model."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from chorus_gateway.adapters.orm import Base
from chorus_shared.db.migrate import sync_url
from chorus_shared.testing.postgres import MigratedDatabase


def test_the_migrated_schema_matches_the_models(gateway_database: MigratedDatabase) -> None:
    engine = create_engine(sync_url(gateway_database.owner_url))
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()
    assert differences == []
