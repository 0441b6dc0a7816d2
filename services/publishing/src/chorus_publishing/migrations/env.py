"""Alembic environment of the publishing service."""

from chorus_publishing.adapters.orm import Base
from chorus_shared.db.migrate import run_alembic_env

run_alembic_env(Base.metadata)
