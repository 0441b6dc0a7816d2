"""Events the publishing service publishes about posts on `chorus.publishing` (planning follows them)."""

from __future__ import annotations

import uuid
from typing import ClassVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from chorus_shared.messaging.contracts.base import EventPayload


class PostCreatedV1(EventPayload):
    """A draft post exists; `content_item_id` links it to the planning item it was made from, if any."""

    event_type: ClassVar[str] = "chorus.publishing.post.created.v1"

    post_id: uuid.UUID
    brand_id: uuid.UUID
    content_item_id: uuid.UUID | None = None


class ShortfallData(BaseModel):
    """A step after the post went live that did not go out; the post itself is live and is not sent again."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    step: str = Field(min_length=1, description='What is missing: "first comment", "thread item 2", ...')
    reason: str = Field(description="The network's answer when it refused or failed the step.")


class PostPublishedV1(EventPayload):
    """A post went live on one channel (a post on several channels publishes once per channel)."""

    event_type: ClassVar[str] = "chorus.publishing.post.published.v1"

    post_id: uuid.UUID
    brand_id: uuid.UUID
    content_item_id: uuid.UUID | None = None
    channel: str = Field(min_length=1, description="The brand's channel (account) the post went out on.")
    network: str = Field(min_length=1, description="mastodon, bluesky, x, linkedin, facebook, instagram, ...")
    published_at: AwareDatetime
    network_post_url: str | None = Field(default=None, description="Where the post can be seen on the network.")
    network_post_id: str | None = Field(default=None, description="The network's id for the post (metrics, comments).")
    shortfalls: list[ShortfallData] = Field(
        default_factory=list,
        description="What did not go out once the post was live (first comment, later thread items): a person adds it.",
    )
