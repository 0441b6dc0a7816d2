"""A brand's voice and strategy vocabularies as GraphQL enums (values are planning's REST values).

Networks are the calendar's `Network` enum: one vocabulary of networks across the schema.
"""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum
class Gender(Enum):
    FEMALE = "female"
    MALE = "male"
    NON_BINARY = "non_binary"


@strawberry.enum(description="A format an audience segment prefers to consume.")
class AudienceFormat(Enum):
    TEXT = "text"
    IMAGE = "image"
    CAROUSEL = "carousel"
    SHORT_VIDEO = "short_video"
    LONG_VIDEO = "long_video"
    STORY = "story"
    LIVE = "live"
    ARTICLE = "article"
    POLL = "poll"
    AUDIO = "audio"


@strawberry.enum
class Weekday(Enum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


@strawberry.enum
class PartnerKind(Enum):
    BRAND = "brand"
    CREATOR = "creator"


@strawberry.enum(description="prospect -> negotiating -> active -> ended; talks may fall back to prospect.")
class PartnershipStatus(Enum):
    PROSPECT = "prospect"
    NEGOTIATING = "negotiating"
    ACTIVE = "active"
    ENDED = "ended"


@strawberry.enum(description="Who approves the brand's posts before publishing sends them.")
class ApprovalPolicy(Enum):
    NONE = "none"
    INTERNAL = "internal"
    CLIENT = "client"


@strawberry.enum(description="What happens to a post that missed its time.")
class LatePostMode(Enum):
    PUBLISH_LATE = "publish_late"
    MARK_MISSED = "mark_missed"


@strawberry.enum
class GuidelineViolationKind(Enum):
    BANNED_WORD = "banned_word"
    BANNED_TOPIC = "banned_topic"
    MISSING_DISCLAIMER = "missing_disclaimer"
