"""Imports every contract module so the registry is complete (AsyncAPI generation, schema tests)."""

from chorus_shared.messaging.contracts import listening, planning, reporting  # noqa: F401
from chorus_shared.messaging.contracts.base import registry

__all__ = ["registry"]
