"""The one vocabulary every connector maps its network's failures to; the dispatcher acts on the class alone."""

from __future__ import annotations

from datetime import datetime


class NetworkError(Exception):
    """Base of connector failures. `status` is the network's HTTP status (None if no response), `detail` its words."""

    def __init__(self, message: str, *, network: str, status: int | None = None, detail: str | None = None) -> None:
        super().__init__(message)
        self.network = network
        self.status = status
        self.detail = detail


class AuthError(NetworkError):
    """The token is expired, revoked or lacks a scope: the channel is disconnected and its posts are held."""


class RateLimited(NetworkError):
    """Too many requests: retry after `retry_at` (from the network's reset headers), never drop the post."""

    def __init__(self, message: str, *, network: str, retry_at: datetime, status: int | None = 429) -> None:
        super().__init__(message, network=network, status=status)
        self.retry_at = retry_at


class TransientError(NetworkError):
    """A 5xx, a timeout before sending, a connection refused: retry with backoff and jitter."""


class RejectedContent(NetworkError):
    """The network refused this content (too long, bad media, duplicate...): permanent, with the network's reason."""


class UnknownOutcome(NetworkError):
    """The request may or may not have been applied (timeout after sending, 5xx on a create): never blindly
    re-send; reconciliation asks the network whether the post exists."""
