"""Alembic environment of the listening service."""

from chorus_listening.adapters.orm import Base
from chorus_shared.db.migrate import run_alembic_env

run_alembic_env(Base.metadata)
