"""The post: one message of a brand with a variant per target channel, moving through approval to publication.

Every move goes through `_move`, which refuses what the state machine does not allow, appends the history line and
the event saying so; the use case persists both in the same transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from chorus_publishing.adapters.networks.connector import Shortfall
from chorus_publishing.domain.errors import PostNotEditable, PostStateConflict
from chorus_publishing.domain.post_state import EDITABLE, HistoryEntry, PostState, can_move
from chorus_publishing.domain.shortfall_note import missing, published_note
from chorus_shared.errors import FieldError, ValidationFailed
from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.contracts.publishing import PostCreatedV1, PostPublishedV1, ShortfallData
from chorus_shared.messaging.contracts.publishing_posts import (
    PostApprovedV1,
    PostCancelledV1,
    PostFailedV1,
    PostPublishingV1,
    PostRejectedV1,
    PostReopenedV1,
    PostScheduledV1,
    PostSubmittedV1,
    PostTransition,
    PostUnconfirmedV1,
    PostUpdatedV1,
)

REASON_MAX = 2000


@dataclass(frozen=True)
class MediaRef:
    """An uploaded media asset used by a variant, with the alt text for this use."""

    media_id: uuid.UUID
    alt_text: str | None = None


@dataclass
class Variant:
    """What goes out on one channel. `channel_id` may be missing on a draft made from a plan (network known only)."""

    network: str
    channel_id: uuid.UUID | None = None
    text: str = ""
    media: list[MediaRef] = field(default_factory=list)
    link: str | None = None
    thread: list[str] = field(default_factory=list)
    first_comment: str | None = None
    network_post_id: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    shortfalls: list[Shortfall] = field(default_factory=list)  # what did not go out after it was live


@dataclass
class Post:
    id: uuid.UUID
    tenant_id: uuid.UUID
    brand_id: uuid.UUID
    state: PostState
    variants: list[Variant]
    created_by: str
    created_at: datetime
    updated_at: datetime
    campaign_id: uuid.UUID | None = None
    content_item_id: uuid.UUID | None = None
    planned_at: datetime | None = None
    scheduled_at: datetime | None = None
    events: list[EventPayload] = field(default_factory=list, compare=False, repr=False)
    new_history: list[HistoryEntry] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def draft(
        cls,
        *,
        tenant_id: uuid.UUID,
        brand_id: uuid.UUID,
        variants: list[Variant],
        by: str,
        now: datetime,
        campaign_id: uuid.UUID | None = None,
        content_item_id: uuid.UUID | None = None,
        planned_at: datetime | None = None,
    ) -> Post:
        post = cls(
            id=uuid.uuid4(),
            tenant_id=tenant_id,
            brand_id=brand_id,
            state=PostState.DRAFT,
            variants=variants,
            created_by=by,
            created_at=now,
            updated_at=now,
            campaign_id=campaign_id,
            content_item_id=content_item_id,
            planned_at=planned_at,
        )
        post.new_history.append(HistoryEntry(at=now, by=by, from_state=None, to_state=PostState.DRAFT))
        post.events.append(PostCreatedV1(post_id=post.id, brand_id=brand_id, content_item_id=content_item_id))
        return post

    def variant_on(self, channel_id: uuid.UUID) -> Variant | None:
        return next((v for v in self.variants if v.channel_id == channel_id), None)

    def revise(self, *, variants: list[Variant], campaign_id: uuid.UUID | None, by: str, now: datetime) -> None:
        """Replace the content. A rejected post goes back to draft: the rework needs a new approval."""
        if self.state not in EDITABLE:
            raise PostNotEditable(f"A {self.state.value} post cannot be edited; cancel it or create a new one.")
        if self.state is PostState.REJECTED:
            self._move(PostState.DRAFT, PostReopenedV1, by=by, now=now, reason="Edited after rejection.")
        self.variants, self.campaign_id, self.updated_at = variants, campaign_id, now
        channels = [v.channel_id for v in variants if v.channel_id is not None]
        networks = [v.network for v in variants]
        self.events.append(
            PostUpdatedV1(
                post_id=self.id, brand_id=self.brand_id, channel_ids=channels, networks=networks, updated_by=by
            )
        )

    def submit(self, *, needs_approval: bool, by: str, now: datetime) -> None:
        if needs_approval:
            self._move(PostState.PENDING_APPROVAL, PostSubmittedV1, by=by, now=now)
        else:
            self._move(PostState.APPROVED, PostSubmittedV1, by=by, now=now, reason="The brand needs no approval.")

    def approve(self, *, by: str, now: datetime, note: str | None = None) -> None:
        self._require(PostState.PENDING_APPROVAL)
        self._move(PostState.APPROVED, PostApprovedV1, by=by, now=now, reason=note)

    def reject(self, *, by: str, reason: str, now: datetime) -> None:
        self._require(PostState.PENDING_APPROVAL)
        self._move(PostState.REJECTED, PostRejectedV1, by=by, now=now, reason=required_reason(reason))

    def schedule(self, *, at: datetime, by: str, now: datetime, at_once: bool = False) -> None:
        """Due at `at`, a future time; `at_once` (share now) takes the present moment as the time."""
        if at <= now and not at_once:
            raise ValidationFailed(
                "The post is not valid.",
                field_errors=[FieldError("scheduled_at", "Pick a time in the future.", "past")],
            )
        if self.state not in (PostState.APPROVED, PostState.SCHEDULED, PostState.FAILED):
            raise PostStateConflict(f"A {self.state.value} post cannot be scheduled; it must be approved first.")
        self.scheduled_at = at
        self._move(PostState.SCHEDULED, PostScheduledV1, by=by, now=now, scheduled_at=at)

    def cancel(self, *, by: str, now: datetime, reason: str | None = None) -> None:
        self._move(PostState.CANCELLED, PostCancelledV1, by=by, now=now, reason=reason)

    def start_publishing(self, *, by: str, now: datetime) -> None:
        self._move(PostState.PUBLISHING, PostPublishingV1, by=by, now=now)

    def defer(self, *, until: datetime, by: str, reason: str, now: datetime) -> None:
        self._require(PostState.PUBLISHING)
        self.scheduled_at = until
        self._move(PostState.SCHEDULED, PostScheduledV1, by=by, now=now, reason=reason, scheduled_at=until)

    def published_on(
        self,
        *,
        channel_id: uuid.UUID,
        network_post_id: str,
        url: str | None,
        by: str,
        now: datetime,
        shortfalls: Sequence[Shortfall] = (),
    ) -> None:
        """One channel has the post (perhaps without its first comment or the end of its thread: `shortfalls`).
        The post is published once every channel has it; its history line then says what is missing where."""
        self._require(PostState.PUBLISHING, PostState.UNCONFIRMED)
        variant = self.variant_on(channel_id)
        if variant is None:
            raise PostStateConflict(f"The post has no variant for channel {channel_id}.")
        if variant.network_post_id is not None:
            return  # already recorded: the same outcome reported twice changes nothing
        variant.network_post_id, variant.url, variant.published_at = network_post_id, url, now
        variant.shortfalls = list(shortfalls)
        self.events.append(
            PostPublishedV1(
                post_id=self.id,
                brand_id=self.brand_id,
                content_item_id=self.content_item_id,
                channel=str(channel_id),
                network=variant.network,
                published_at=now,
                network_post_url=url,
                network_post_id=network_post_id,
                shortfalls=[ShortfallData(step=s.step, reason=s.reason) for s in shortfalls],
            )
        )
        if all(v.network_post_id is not None for v in self.variants):
            self._record(PostState.PUBLISHED, by=by, now=now, reason=self._missing_note())

    def _missing_note(self) -> str | None:
        """What the channels lack, each named by its network when the post went out on several."""
        several = len(self.variants) > 1
        phrases = [p for v in self.variants for p in missing(v.shortfalls, on=v.network if several else None)]
        return published_note(phrases)

    def fail(self, *, by: str, reason: str, now: datetime) -> None:
        self._move(PostState.FAILED, PostFailedV1, by=by, now=now, reason=required_reason(reason))

    def unconfirm(self, *, by: str, reason: str | None, now: datetime) -> None:
        self._move(PostState.UNCONFIRMED, PostUnconfirmedV1, by=by, now=now, reason=reason)

    def _require(self, *states: PostState) -> None:
        if self.state not in states:
            wanted = " or ".join(s.value for s in states)
            raise PostStateConflict(f"The post is {self.state.value}; this needs it {wanted}.")

    def _move(
        self,
        to: PostState,
        event: type[PostTransition],
        *,
        by: str,
        now: datetime,
        reason: str | None = None,
        **extra: object,
    ) -> None:
        from_state = self._record(to, by=by, now=now, reason=reason)
        self.events.append(
            event.model_validate(
                {
                    "post_id": self.id,
                    "brand_id": self.brand_id,
                    "content_item_id": self.content_item_id,
                    "from_state": from_state.value,
                    "to_state": to.value,
                    "by": by,
                    "reason": reason,
                    "at": now,
                    **extra,
                }
            )
        )

    def _record(self, to: PostState, *, by: str, now: datetime, reason: str | None) -> PostState:
        if not can_move(self.state, to):
            raise PostStateConflict(f"A {self.state.value} post cannot become {to.value}.")
        from_state, self.state, self.updated_at = self.state, to, now
        self.new_history.append(HistoryEntry(at=now, by=by, from_state=from_state, to_state=to, reason=reason))
        return from_state


def required_reason(reason: str | None) -> str:
    """A reason with its spaces tidied, or a field error: a "no" or a failure without a why helps nobody."""
    tidy = " ".join((reason or "").split())
    if not tidy:
        raise ValidationFailed("The request is not valid.", field_errors=[FieldError("reason", "Say why.", "required")])
    if len(tidy) > REASON_MAX:
        message = f"At most {REASON_MAX} characters."
        raise ValidationFailed("The request is not valid.", field_errors=[FieldError("reason", message, "too_long")])
    return tidy
