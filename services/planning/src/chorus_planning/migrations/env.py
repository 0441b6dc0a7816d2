"""Alembic environment of the planning service."""

from chorus_planning.adapters.orm import Base
from chorus_shared.db.migrate import run_alembic_env

run_alembic_env(Base.metadata)
