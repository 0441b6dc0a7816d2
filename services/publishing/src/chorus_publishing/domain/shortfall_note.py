"""How a post that went out with something missing (first comment, end of its thread) reads in its history.

The history line is what a community manager sees first; it must say what to add by hand and the network's reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from chorus_publishing.adapters.networks.connector import Shortfall


def missing(shortfalls: Iterable[Shortfall], *, on: str | None = None) -> list[str]:
    """One phrase per shortfall, "first comment not posted: <reason>", prefixed "on <network>: " when `on` is set."""
    where = f"on {on}: " if on else ""
    return [f"{where}{s.step} not posted: {s.reason}" for s in shortfalls]


def published_note(phrases: Sequence[str]) -> str | None:
    """The reason of a `published` history line: None when everything went out."""
    return "published; " + "; ".join(phrases) if phrases else None
