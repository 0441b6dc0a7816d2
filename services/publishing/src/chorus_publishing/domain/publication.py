"""A publication: one post variant sent to one channel at a due time, and the rules the dispatcher follows for it."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from chorus_publishing.adapters.networks.connector import Shortfall


class PublicationState(StrEnum):
    SCHEDULED = "scheduled"
    CLAIMED = "claimed"
    SENDING = "sending"
    PUBLISHED = "published"
    FAILED = "failed"
    UNCONFIRMED = "unconfirmed"
    CANCELLED = "cancelled"
    PAUSED = "paused"
    MISSED = "missed"


# States a publication can still leave by dispatching; the others wait for a person (or are over).
WAITING = frozenset({PublicationState.SCHEDULED, PublicationState.PAUSED})
CANCELLABLE = frozenset(
    {PublicationState.SCHEDULED, PublicationState.CLAIMED, PublicationState.PAUSED, PublicationState.FAILED}
)


class Timing(StrEnum):
    QUEUE = "queue"  # the next free slot of the channel's queue
    NEXT = "next"  # the first slot; queued publications from there move down one slot each
    NOW = "now"
    CUSTOM = "custom"


class HoldReason(StrEnum):
    BRAND_FROZEN = "brand_frozen"
    CHANNEL_DISCONNECTED = "channel_disconnected"


class AttemptOutcome(StrEnum):
    IN_FLIGHT = "in_flight"
    PUBLISHED = "published"
    TRANSIENT = "transient_error"
    RATE_LIMITED = "rate_limited"
    AUTH = "auth_error"
    REJECTED = "rejected"
    UNKNOWN = "unknown_outcome"
    RECONCILED = "reconciled_published"
    NOT_FOUND = "reconciled_not_found"


@dataclass(frozen=True)
class MediaRef:
    media_id: str
    url: str | None = None
    mime_type: str = "image/jpeg"
    alt_text: str | None = None
    storage_key: str | None = None  # where the posts' media store keeps the bytes


@dataclass(frozen=True)
class PublicationContent:
    """The snapshot sent: edits to the post after scheduling do not change what goes out unless rescheduled."""

    text: str
    media: tuple[MediaRef, ...] = ()
    link: str | None = None
    thread: tuple[str, ...] = ()
    first_comment: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "media": [m.__dict__ for m in self.media],
            "link": self.link,
            "thread": list(self.thread),
            "first_comment": self.first_comment,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PublicationContent:
        return cls(
            text=data["text"],
            media=tuple(MediaRef(**m) for m in data.get("media", ())),
            link=data.get("link"),
            thread=tuple(data.get("thread", ())),
            first_comment=data.get("first_comment"),
        )


@dataclass(frozen=True)
class Attempt:
    number: int
    idempotency_key: str
    worker: str
    started_at: datetime
    finished_at: datetime | None
    outcome: str
    response_code: int | None
    error: str | None
    shortfalls: tuple[Shortfall, ...] = ()  # published, without these steps (first comment, thread items)


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    state: str
    by: str
    reason: str | None


@dataclass(frozen=True)
class Publication:
    id: uuid.UUID
    tenant_id: uuid.UUID
    brand_id: uuid.UUID
    post_id: uuid.UUID
    variant_id: uuid.UUID
    channel_id: uuid.UUID
    network: str
    content: PublicationContent
    timing: Timing
    due_at: datetime
    state: PublicationState
    hold_reason: str | None = None
    needs_decision: bool = False
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    network_post_id: str | None = None
    network_post_url: str | None = None
    published_at: datetime | None = None
    attempt_log: tuple[Attempt, ...] = field(default=(), compare=False)
    history: tuple[HistoryEntry, ...] = field(default=(), compare=False)


def idempotency_key(publication_id: uuid.UUID, attempt: int) -> str:
    """Unique per attempt; carries the publication id so a network's posts can be traced back to it."""
    return f"chorus-{publication_id}-{attempt}"


def retry_delay(failures: int, *, base_s: float, cap_s: float, rng: random.Random | None = None) -> timedelta:
    """Exponential backoff with jitter: uniform in [c/2, c], c = min(cap, base * 2^(failures-1))."""
    ceiling = min(cap_s, base_s * 2 ** max(failures - 1, 0))
    return timedelta(seconds=(rng or random).uniform(ceiling / 2, ceiling))


def is_missed(*, due_at: datetime, now: datetime, attempts: int, late_window: timedelta) -> bool:
    """Only the first attempt can miss: lateness from our own retries or deferrals never turns into a miss."""
    return attempts == 0 and now - due_at > late_window
