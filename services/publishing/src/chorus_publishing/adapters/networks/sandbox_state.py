"""The sandbox network's memory: posts, per-account rate-limit windows and the failures queued on request."""

from __future__ import annotations

import math
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum


class InjectedFailure(StrEnum):
    SERVER_ERROR = "500"
    UNAUTHORIZED = "401"
    RATE_LIMITED = "429"
    TIMEOUT_AFTER_ACCEPT = "timeout_after_accept"  # the request is applied, the answer never comes in time


@dataclass
class SandboxSettings:
    latency_s: float = 0.0
    rate_limit_requests: int = 300  # per account and window; every network call counts, as on real networks
    rate_limit_window_s: float = 60.0
    hang_s: float = 30.0  # how long a timeout-after-accept holds its answer


@dataclass
class SandboxComment:
    id: str
    author: str
    text: str
    created_at: datetime
    in_reply_to: str | None = None


@dataclass
class SandboxPost:
    id: str
    account: str
    text: str
    idempotency_key: str | None
    created_at: datetime
    media_count: int = 0
    thread_ids: list[str] = field(default_factory=list)
    deleted: bool = False
    # None for a counter the network does not give (missing), which is not the same as 0.
    metrics: dict[str, int | None] = field(default_factory=dict)
    comments: list[SandboxComment] = field(default_factory=list)


@dataclass
class _QueuedFailure:
    kind: InjectedFailure
    remaining: int
    account: str | None  # None: any account
    after: int  # matching calls let through before the first failure


@dataclass
class _Window:
    started: float
    used: int


class SandboxNetwork:
    """All state of one sandbox network. Single event loop: no locking needed."""

    def __init__(self, settings: SandboxSettings | None = None) -> None:
        self.settings = settings or SandboxSettings()
        self.posts: dict[str, SandboxPost] = {}
        self._failures: list[_QueuedFailure] = []
        self._windows: dict[str, _Window] = {}

    def reset(self) -> None:
        self.posts.clear()
        self._failures.clear()
        self._windows.clear()

    def queue_failures(self, kind: InjectedFailure, count: int, account: str | None = None, after: int = 0) -> None:
        """The next `count` calls (of `account`, or any), after letting `after` of them through, fail as `kind`."""
        self._failures.append(_QueuedFailure(kind, count, account, after))

    def take_failure(self, account: str) -> InjectedFailure | None:
        for queued in self._failures:
            if queued.remaining > 0 and queued.account in (None, account):
                if queued.after > 0:
                    queued.after -= 1
                    continue
                queued.remaining -= 1
                return queued.kind
        return None

    def seconds_until_allowed(self, account: str) -> int | None:
        """Counts this request against the account's window; None if allowed, else whole seconds to wait."""
        now = time.monotonic()
        window = self._windows.get(account)
        if window is None or now - window.started >= self.settings.rate_limit_window_s:
            window = self._windows[account] = _Window(started=now, used=0)
        if window.used >= self.settings.rate_limit_requests:
            return max(1, math.ceil(window.started + self.settings.rate_limit_window_s - now))
        window.used += 1
        return None

    def create_post(
        self, account: str, text: str, *, idempotency_key: str | None, media_count: int, thread: list[str]
    ) -> SandboxPost:
        post = SandboxPost(
            id=_new_id(),
            account=account,
            text=text,
            idempotency_key=idempotency_key,
            created_at=datetime.now(UTC),
            media_count=media_count,
            metrics={"impressions": 0, "likes": 0, "comments": 0, "shares": 0},
        )
        post.thread_ids = [self._thread_item(account, item, post).id for item in thread]
        self.posts[post.id] = post
        return post

    def _thread_item(self, account: str, text: str, head: SandboxPost) -> SandboxPost:
        item = SandboxPost(id=_new_id(), account=account, text=text, idempotency_key=None, created_at=head.created_at)
        self.posts[item.id] = item
        return item

    def live_post(self, account: str, post_id: str) -> SandboxPost | None:
        post = self.posts.get(post_id)
        if post is None or post.deleted or post.account != account:
            return None
        return post

    def find_by_key(self, account: str, idempotency_key: str) -> list[SandboxPost]:
        return [
            post
            for post in self.posts.values()
            if post.account == account and post.idempotency_key == idempotency_key and not post.deleted
        ]

    def add_comment(self, post: SandboxPost, author: str, text: str, in_reply_to: str | None = None) -> SandboxComment:
        comment = SandboxComment(_new_id(), author, text, datetime.now(UTC), in_reply_to)
        post.comments.append(comment)
        if post.metrics.get("comments") is not None:
            post.metrics["comments"] = len(post.comments)
        return comment


def _new_id() -> str:
    return uuid.uuid4().hex[:16]
