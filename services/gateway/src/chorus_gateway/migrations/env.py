"""Alembic entry point: migrations run online, as the migration role, through chorus_shared.db.migrate."""

from chorus_gateway.adapters.orm import Base
from chorus_shared.db.migrate import run_alembic_env

run_alembic_env(Base.metadata)
