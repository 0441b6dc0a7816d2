"""Fixtures of the outbox relay tests."""

from chorus_shared.testing.event_backbone import backbone  # noqa: F401
