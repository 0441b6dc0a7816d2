"""Fixtures of the inbox tests."""

from chorus_shared.testing.event_backbone import backbone, backbone_databases  # noqa: F401
