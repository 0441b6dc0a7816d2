"""Publishing's closed vocabularies as GraphQL enums (values are the REST strings)."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="Where a post is in its life, from draft to published (or failed, or cancelled).")
class PostState(Enum):
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


@strawberry.enum(description="A social network publishing connects to; SANDBOX is the local one for demos and tests.")
class SocialNetwork(Enum):
    X = "x"
    LINKEDIN = "linkedin"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    MASTODON = "mastodon"
    BLUESKY = "bluesky"
    SANDBOX = "sandbox"


@strawberry.enum(description="CONNECTED; EXPIRING: refreshing fails but the token still works; DISCONNECTED.")
class ChannelStatus(Enum):
    CONNECTED = "connected"
    EXPIRING = "expiring"
    DISCONNECTED = "disconnected"
    PENDING = "pending"  # signed in, waiting for the user to choose which page or account to publish as


@strawberry.enum(description="When a publication goes out: next free queue slot, first slot, now, or a given time.")
class PublicationTiming(Enum):
    QUEUE = "queue"
    NEXT = "next"
    NOW = "now"
    CUSTOM = "custom"


@strawberry.enum(description="One post variant's way to one channel, as the dispatcher moves it.")
class PublicationState(Enum):
    SCHEDULED = "scheduled"
    CLAIMED = "claimed"
    SENDING = "sending"
    PUBLISHED = "published"
    FAILED = "failed"
    UNCONFIRMED = "unconfirmed"
    CANCELLED = "cancelled"
    PAUSED = "paused"
    MISSED = "missed"


@strawberry.enum(description="Where a post stands with approval, read from its history.")
class ApprovalStatus(Enum):
    NOT_SUBMITTED = "not_submitted"
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
