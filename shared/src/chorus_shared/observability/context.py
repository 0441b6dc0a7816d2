"""Request-scoped context: the correlation id of logs and the W3C trace context carried through events."""

from __future__ import annotations

import re
import secrets
from contextvars import ContextVar

correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)
traceparent: ContextVar[str | None] = ContextVar("traceparent", default=None)

_TRACEPARENT = re.compile(r"^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")


def new_traceparent() -> str:
    return f"00-{secrets.token_hex(16)}-{secrets.token_hex(8)}-01"


def valid_traceparent(value: str | None) -> str | None:
    """A well-formed incoming `traceparent`, or None (a malformed one is dropped, as W3C Trace Context says)."""
    if value and _TRACEPARENT.match(value.strip().lower()):
        return value.strip().lower()
    return None


def child_traceparent(parent: str | None) -> str:
    """Same trace, new span: what a service sends on when it acts on a request or an event."""
    if parent is None:
        return new_traceparent()
    trace_id = parent.split("-")[1]
    return f"00-{trace_id}-{secrets.token_hex(8)}-01"
