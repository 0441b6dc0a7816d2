"""Fixtures of the outbox relay tests."""

from chorus_shared.testing.event_backbone import backbone, backbone_databases  # noqa: F401
