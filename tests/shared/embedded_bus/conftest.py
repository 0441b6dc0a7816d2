"""Fixtures of the embedded bus tests."""

from chorus_shared.testing.embedded_bus import embedded_backend, embedded_bus_database  # noqa: F401
