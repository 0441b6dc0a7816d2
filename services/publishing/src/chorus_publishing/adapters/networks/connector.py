"""The protocol every network connector implements, and the values it exchanges with the dispatcher."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class MediaKind(StrEnum):
    IMAGE = "image"
    VIDEO = "video"
    GIF = "gif"


class LengthRule(StrEnum):
    """How a network counts a text's length."""

    CHARACTERS = "characters"  # Unicode code points
    GRAPHEMES = "graphemes"  # user-perceived characters (Bluesky)
    TWITTER_WEIGHTED = "twitter_weighted"  # X: CJK and emoji weigh 2, each URL counts 23
    URLS_AS_23 = "urls_as_23"  # Mastodon: code points, each URL counts 23


@dataclass(frozen=True)
class Capabilities:
    """What a network accepts; posts are validated against this as the user types."""

    network: str
    max_text_length: int
    length_rule: LengthRule
    media_kinds: frozenset[MediaKind]
    max_media: int
    requires_media: bool = False  # Instagram
    supports_threads: bool = False
    supports_first_comment: bool = False
    supports_alt_text: bool = False
    max_alt_text_length: int = 0
    can_check_existence: bool = True  # can reconciliation ask whether a post exists?


@dataclass(frozen=True)
class Credentials:
    """Decrypted only in memory, for the duration of a call. Never logged: repr hides the secrets."""

    access_token: str = field(repr=False)
    account_id: str = ""  # the network's id for the account or page
    instance_url: str = ""  # Mastodon instance, Bluesky PDS
    extra: dict[str, str] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class MediaItem:
    content: bytes = field(repr=False)
    mime_type: str = "image/jpeg"
    kind: MediaKind = MediaKind.IMAGE
    alt_text: str | None = None
    url: str | None = None  # networks that fetch media by URL (Instagram)


@dataclass(frozen=True)
class PostContent:
    """One variant as sent to one network. `thread` holds the items after the first."""

    text: str
    media: Sequence[MediaItem] = ()
    link: str | None = None
    thread: Sequence[str] = ()
    first_comment: str | None = None


@dataclass(frozen=True)
class Shortfall:
    """A step after the post existed that did not go out: the post stays published, a person finishes the rest.

    `step` names it ("first comment", "thread item 2"); `reason` is the network's answer, never anything we sent.
    """

    step: str
    reason: str

    def as_json(self) -> dict[str, str]:
        return {"step": self.step, "reason": self.reason}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Shortfall:
        return cls(data["step"], data["reason"])


@dataclass(frozen=True)
class PublishedPost:
    network_post_id: str
    url: str | None
    published_at: datetime
    thread_ids: Sequence[str] = ()
    shortfalls: Sequence[Shortfall] = ()  # never a reason to send again: the post itself is out


@dataclass(frozen=True)
class MetricValue:
    """One counter with its provenance; `value` None means the network did not give it (missing, not zero)."""

    name: str  # impressions, reach, likes, comments, shares, saves, clicks, video_views
    value: int | None
    api_field: str


@dataclass(frozen=True)
class PostMetrics:
    network_post_id: str
    fetched_at: datetime
    values: Sequence[MetricValue]


@dataclass(frozen=True)
class Comment:
    network_comment_id: str
    author_handle: str
    text: str
    created_at: datetime
    in_reply_to: str | None = None


class NetworkConnector(Protocol):
    """A network as the dispatcher sees it. Every failure is one of errors.py's classes.

    `idempotency_key` is unique per attempt at one post; networks that support it (Mastodon's Idempotency-Key
    header) get it, the others use it to find the post again on reconciliation.
    """

    network: str
    capabilities: Capabilities

    async def publish(
        self, credentials: Credentials, content: PostContent, *, idempotency_key: str
    ) -> PublishedPost: ...

    async def delete(self, credentials: Credentials, network_post_id: str) -> None: ...

    async def find_post(self, credentials: Credentials, *, idempotency_key: str, text: str) -> PublishedPost | None:
        """Reconciliation: the post this attempt created, if it exists; None if it surely does not."""
        ...

    async def fetch_metrics(self, credentials: Credentials, network_post_id: str) -> PostMetrics: ...

    async def fetch_comments(self, credentials: Credentials, network_post_id: str) -> Sequence[Comment]: ...

    async def aclose(self) -> None:
        """Closes the connector's connections to its network."""
        ...
