"""Alembic environment of the reporting service."""

from chorus_reporting.adapters.orm import Base
from chorus_shared.db.migrate import run_alembic_env

run_alembic_env(Base.metadata)
