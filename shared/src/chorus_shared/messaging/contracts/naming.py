"""The shape of an event type name: `chorus.<service>.<aggregate>.<verb-past-tense>.v<N>`."""

from __future__ import annotations

import re

SERVICES = ("planning", "publishing", "listening", "reporting", "gateway")

EVENT_TYPE_PATTERN = re.compile(
    r"^chorus\.(?P<service>[a-z][a-z0-9]*)\.(?P<aggregate>[a-z][a-z0-9_]*)\.(?P<verb>[a-z][a-z0-9_]*)\.v(?P<version>[1-9][0-9]*)$"
)


def naming_problem(event_type: str) -> str | None:
    """Why `event_type` is not a valid Chorus event type name, or None when it is."""
    match = EVENT_TYPE_PATTERN.match(event_type)
    if match is None:
        return f"{event_type!r} does not match chorus.<service>.<aggregate>.<verb>.v<N>"
    if match["service"] not in SERVICES:
        return f"{event_type!r} names an unknown service {match['service']!r} (known: {', '.join(SERVICES)})"
    return None


def topic_of(event_type: str) -> str:
    """Topic the producing service publishes on: `chorus.planning.brand.created.v1` -> `chorus.planning`."""
    return ".".join(event_type.split(".")[:2])
