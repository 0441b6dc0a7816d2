"""Events the dispatcher publishes about one publication (a post variant sent to one channel)."""

from __future__ import annotations

import uuid
from typing import ClassVar

from pydantic import AwareDatetime, Field

from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.contracts.publishing import ShortfallData


class PublicationEvent(EventPayload):
    """What every publication event says: which post, variant and channel it is about."""

    publication_id: uuid.UUID
    post_id: uuid.UUID
    brand_id: uuid.UUID
    variant_id: uuid.UUID
    channel_id: uuid.UUID
    network: str = Field(min_length=1)


class PublicationSentV1(PublicationEvent):
    """The network has the post. `lateness_seconds` says how long after its due time it went out."""

    event_type: ClassVar[str] = "chorus.publishing.publication.sent.v1"

    published_at: AwareDatetime
    due_at: AwareDatetime
    lateness_seconds: float = Field(ge=0)
    late: bool = Field(description="Sent after its due time by more than the dispatcher's normal delay.")
    network_post_id: str
    network_post_url: str | None = None
    reconciled: bool = Field(default=False, description="Found on the network by reconciliation, not by the send.")
    shortfalls: list[ShortfallData] = Field(
        default_factory=list,
        description="What did not go out once the post was live on this channel (first comment, later thread items).",
    )


class PublicationFailedV1(PublicationEvent):
    """The post will not go out without a person: rejected by the network, or out of retries."""

    event_type: ClassVar[str] = "chorus.publishing.publication.failed.v1"

    failed_at: AwareDatetime
    reason: str
    response_code: int | None = None
    attempts: int = Field(ge=0)


class PublicationUnconfirmedV1(PublicationEvent):
    """A send may or may not have reached the network; reconciliation decides, or a person does."""

    event_type: ClassVar[str] = "chorus.publishing.publication.unconfirmed.v1"

    since: AwareDatetime
    needs_decision: bool = Field(description="True once reconciliation could not settle it: a person decides.")
    reason: str


class PublicationDeferredV1(PublicationEvent):
    """The publication waits: rate limited by the network, or held (brand frozen, channel disconnected)."""

    event_type: ClassVar[str] = "chorus.publishing.publication.deferred.v1"

    reason: str = Field(description="rate_limited, brand_frozen or channel_disconnected")
    until: AwareDatetime | None = Field(default=None, description="When it is tried again; None while held.")


class PublicationMissedV1(PublicationEvent):
    """Its due time passed longer ago than the brand's late window (after downtime): it was not sent."""

    event_type: ClassVar[str] = "chorus.publishing.publication.missed.v1"

    due_at: AwareDatetime
    noticed_at: AwareDatetime
    late_window_seconds: int = Field(ge=0)
