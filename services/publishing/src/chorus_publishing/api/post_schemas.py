"""REST shapes of posts: what a client sends to create or change one, and what it reads back."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from pydantic import AliasChoices, AwareDatetime, BaseModel, Field

from chorus_publishing.adapters.networks.connector import Shortfall
from chorus_publishing.domain.post import MediaRef, Post, Variant
from chorus_publishing.domain.post_comment import PostComment
from chorus_publishing.domain.post_state import HistoryEntry, PostState
from chorus_publishing.domain.publication import Timing
from chorus_publishing.service.post_checks import PostCheck

LONG = 200_000  # a guard against huge bodies; the domain gives the precise limits and messages


class MediaRefIn(BaseModel):
    media_id: uuid.UUID
    alt_text: str | None = Field(default=None, max_length=LONG)


class VariantIn(BaseModel):
    network: str = Field(max_length=32, examples=["mastodon"])
    channel_id: uuid.UUID | None = Field(default=None, description="The connected account; needed to submit.")
    text: str = Field(default="", max_length=LONG)
    media: list[MediaRefIn] = Field(default_factory=list, max_length=100)
    link: str | None = Field(default=None, max_length=LONG)
    thread: list[str] = Field(default_factory=list, max_length=100, description="Replies after the first item.")
    first_comment: str | None = Field(default=None, max_length=LONG)

    def to_domain(self) -> Variant:
        return Variant(
            network=self.network.strip().lower(),
            channel_id=self.channel_id,
            text=self.text,
            media=[MediaRef(m.media_id, m.alt_text or None) for m in self.media],
            link=(self.link or "").strip() or None,
            thread=list(self.thread),
            first_comment=(self.first_comment or "").strip() or None,
        )


class PostCreate(BaseModel):
    brand_id: uuid.UUID
    campaign_id: uuid.UUID | None = None
    content_item_id: uuid.UUID | None = None
    variants: list[VariantIn] = Field(max_length=100)


class PostUpdate(BaseModel):
    campaign_id: uuid.UUID | None = None
    variants: list[VariantIn] = Field(max_length=100)


class PostValidate(BaseModel):
    brand_id: uuid.UUID
    campaign_id: uuid.UUID | None = None
    variants: list[VariantIn] = Field(max_length=100)


class ScheduleBody(BaseModel):
    timing: Timing = Field(
        default=Timing.CUSTOM,
        description="queue: the channel's next free slot; next: its first slot, the queue moving down; now; "
        "custom: at `scheduled_at` (or `at`).",
    )
    scheduled_at: AwareDatetime | None = Field(default=None, validation_alias=AliasChoices("scheduled_at", "at"))


class ApproveBody(BaseModel):
    note: str | None = Field(default=None, max_length=2000)


class ReasonBody(BaseModel):
    reason: str = Field(max_length=LONG)


class CancelBody(BaseModel):
    reason: str | None = Field(default=None, max_length=2000)


class CommentCreate(BaseModel):
    text: str = Field(max_length=LONG)


class ShortfallRead(BaseModel):
    """A step after the post went live that did not go out: add it by hand; the post is never sent again for it."""

    step: str = Field(examples=["first comment", "thread item 2"])
    reason: str = Field(description="The network's answer.")

    @classmethod
    def all_of(cls, shortfalls: Sequence[Shortfall]) -> list[ShortfallRead]:
        return [cls(step=s.step, reason=s.reason) for s in shortfalls]


class VariantRead(BaseModel):
    network: str
    channel_id: uuid.UUID | None
    text: str
    media: list[MediaRefIn]
    link: str | None
    thread: list[str]
    first_comment: str | None
    network_post_id: str | None
    url: str | None
    published_at: datetime | None
    shortfalls: list[ShortfallRead] = Field(default_factory=list, description="What did not go out once live.")

    @classmethod
    def of(cls, v: Variant) -> VariantRead:
        media = [MediaRefIn(media_id=m.media_id, alt_text=m.alt_text) for m in v.media]
        return cls(
            network=v.network,
            channel_id=v.channel_id,
            text=v.text,
            media=media,
            link=v.link,
            thread=v.thread,
            first_comment=v.first_comment,
            network_post_id=v.network_post_id,
            url=v.url,
            published_at=v.published_at,
            shortfalls=ShortfallRead.all_of(v.shortfalls),
        )


class PostRead(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    campaign_id: uuid.UUID | None
    content_item_id: uuid.UUID | None
    state: PostState
    variants: list[VariantRead]
    created_by: str
    created_at: datetime
    updated_at: datetime
    planned_at: datetime | None
    scheduled_at: datetime | None

    @classmethod
    def of(cls, post: Post) -> PostRead:
        return cls(
            id=post.id,
            brand_id=post.brand_id,
            campaign_id=post.campaign_id,
            content_item_id=post.content_item_id,
            state=post.state,
            variants=[VariantRead.of(v) for v in post.variants],
            created_by=post.created_by,
            created_at=post.created_at,
            updated_at=post.updated_at,
            planned_at=post.planned_at,
            scheduled_at=post.scheduled_at,
        )


class PostPage(BaseModel):
    items: list[PostRead]
    next_after: uuid.UUID | None


class HistoryRead(BaseModel):
    at: datetime
    by: str
    from_state: PostState | None
    to_state: PostState
    reason: str | None

    @classmethod
    def of(cls, e: HistoryEntry) -> HistoryRead:
        return cls(at=e.at, by=e.by, from_state=e.from_state, to_state=e.to_state, reason=e.reason)


class CommentRead(BaseModel):
    id: uuid.UUID
    post_id: uuid.UUID
    author: str
    text: str
    at: datetime

    @classmethod
    def of(cls, c: PostComment) -> CommentRead:
        return cls(id=c.id, post_id=c.post_id, author=c.author, text=c.text, at=c.at)


class ProblemRead(BaseModel):
    field: str
    code: str
    message: str


class GuidelineFlagRead(BaseModel):
    field: str
    kind: str
    rule: str
    message: str
    start: int | None
    end: int | None


class VariantCheckRead(BaseModel):
    index: int
    network: str
    channel_id: uuid.UUID | None
    length: int
    max_length: int
    problems: list[ProblemRead]


class PostCheckRead(BaseModel):
    valid: bool
    errors: list[ProblemRead] = Field(description="Everything that would stop the post, by field.")
    variants: list[VariantCheckRead]
    guideline_flags: list[GuidelineFlagRead] = Field(description="Warnings from the brand's guidelines.")

    @classmethod
    def of(cls, check: PostCheck) -> PostCheckRead:
        return cls(
            valid=check.valid,
            errors=[ProblemRead(field=e.field, code=e.code, message=e.message) for e in check.field_errors],
            variants=[
                VariantCheckRead(
                    index=c.index,
                    network=c.network,
                    channel_id=c.channel_id,
                    length=c.length,
                    max_length=c.max_length,
                    problems=[ProblemRead(field=p.field, code=p.code, message=p.message) for p in c.problems],
                )
                for c in check.variants
            ],
            guideline_flags=[
                GuidelineFlagRead(
                    field=f.field,
                    kind=f.flag.kind.value,
                    rule=f.flag.rule,
                    message=f.flag.message,
                    start=f.flag.start,
                    end=f.flag.end,
                )
                for f in check.flags
            ],
        )
