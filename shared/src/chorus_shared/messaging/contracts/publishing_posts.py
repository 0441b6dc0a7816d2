"""Events about a post's life on `chorus.publishing`: edits, approvals, scheduling and the dispatcher's outcome.

`post.created.v1` and `post.published.v1` live in publishing.py (planning consumes them). Every state change event
carries the transition (`from_state` -> `to_state`), who made it and why, as the post's history keeps it.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from pydantic import AwareDatetime, Field

from chorus_shared.messaging.contracts.base import EventPayload


class PostTransition(EventPayload):
    """A post moved from one state to another (the base of every state change event)."""

    post_id: uuid.UUID
    brand_id: uuid.UUID
    content_item_id: uuid.UUID | None = None
    from_state: str = Field(description="draft, pending_approval, approved, rejected, scheduled, publishing, ...")
    to_state: str
    by: str = Field(description="The user, API key or system part that moved the post.")
    reason: str | None = None
    at: AwareDatetime


class PostUpdatedV1(EventPayload):
    """A draft's content changed (text, media, link, thread, first comment or its channels)."""

    event_type: ClassVar[str] = "chorus.publishing.post.updated.v1"

    post_id: uuid.UUID
    brand_id: uuid.UUID
    channel_ids: list[uuid.UUID] = Field(default_factory=list)
    networks: list[str] = Field(default_factory=list)
    updated_by: str


class PostSubmittedV1(PostTransition):
    """Sent for approval (to_state pending_approval), or approved at once when the brand needs no approval."""

    event_type: ClassVar[str] = "chorus.publishing.post.submitted.v1"


class PostApprovedV1(PostTransition):
    event_type: ClassVar[str] = "chorus.publishing.post.approved.v1"


class PostRejectedV1(PostTransition):
    """The recorded "no": `reason` says what to change."""

    event_type: ClassVar[str] = "chorus.publishing.post.rejected.v1"


class PostReopenedV1(PostTransition):
    """A rejected post went back to draft to be reworked."""

    event_type: ClassVar[str] = "chorus.publishing.post.reopened.v1"


class PostScheduledV1(PostTransition):
    event_type: ClassVar[str] = "chorus.publishing.post.scheduled.v1"

    scheduled_at: AwareDatetime


class PostCancelledV1(PostTransition):
    event_type: ClassVar[str] = "chorus.publishing.post.cancelled.v1"


class PostPublishingV1(PostTransition):
    """The dispatcher started sending the post."""

    event_type: ClassVar[str] = "chorus.publishing.post.publishing.v1"


class PostFailedV1(PostTransition):
    """Sending failed for good; `reason` carries the network's explanation."""

    event_type: ClassVar[str] = "chorus.publishing.post.failed.v1"


class PostUnconfirmedV1(PostTransition):
    """The post may or may not be on the network; reconciliation or a person decides, never a blind re-send."""

    event_type: ClassVar[str] = "chorus.publishing.post.unconfirmed.v1"


class PostCommentedV1(EventPayload):
    """Someone remarked on a post (the approval conversation)."""

    event_type: ClassVar[str] = "chorus.publishing.post.commented.v1"

    post_id: uuid.UUID
    brand_id: uuid.UUID
    comment_id: uuid.UUID
    author: str
    at: AwareDatetime


class BrandUtmSettingsChangedV1(EventPayload):
    """How the brand's post links are tagged changed (utm_medium, the name used as utm_campaign, on or off)."""

    event_type: ClassVar[str] = "chorus.publishing.brand.utm_settings_changed.v1"

    brand_id: uuid.UUID
    enabled: bool
    medium: str
    campaign_name: str | None = None
    changed_by: str
