"""A post's states and the moves allowed between them; everything else is refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class PostState(StrEnum):
    DRAFT = "draft"
    PENDING_APPROVAL = "pending_approval"
    APPROVED = "approved"
    REJECTED = "rejected"
    SCHEDULED = "scheduled"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    FAILED = "failed"
    UNCONFIRMED = "unconfirmed"
    CANCELLED = "cancelled"


_S = PostState
ALLOWED_MOVES: dict[PostState, frozenset[PostState]] = {
    _S.DRAFT: frozenset({_S.PENDING_APPROVAL, _S.APPROVED, _S.CANCELLED}),
    _S.PENDING_APPROVAL: frozenset({_S.APPROVED, _S.REJECTED, _S.CANCELLED}),
    _S.APPROVED: frozenset({_S.SCHEDULED, _S.CANCELLED}),
    _S.REJECTED: frozenset({_S.DRAFT, _S.CANCELLED}),
    # Scheduled -> scheduled is a new time; publishing -> scheduled is a deferral (rate limit, transient error).
    # Scheduled -> failed: missed, its time passed beyond the brand's late-post window before it could be sent.
    _S.SCHEDULED: frozenset({_S.SCHEDULED, _S.PUBLISHING, _S.FAILED, _S.CANCELLED}),
    _S.PUBLISHING: frozenset({_S.PUBLISHED, _S.FAILED, _S.UNCONFIRMED, _S.SCHEDULED}),
    _S.FAILED: frozenset({_S.SCHEDULED, _S.PUBLISHING, _S.CANCELLED}),
    # Only reconciliation or a person settles an unconfirmed post: published if found, failed if surely not sent.
    _S.UNCONFIRMED: frozenset({_S.PUBLISHED, _S.FAILED}),
    _S.PUBLISHED: frozenset(),
    _S.CANCELLED: frozenset(),
}

EDITABLE = frozenset({PostState.DRAFT, PostState.REJECTED})


def can_move(from_state: PostState, to_state: PostState) -> bool:
    return to_state in ALLOWED_MOVES[from_state]


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a post's history: who moved it, when, from where to where, and why."""

    at: datetime
    by: str
    from_state: PostState | None
    to_state: PostState
    reason: str | None = None
