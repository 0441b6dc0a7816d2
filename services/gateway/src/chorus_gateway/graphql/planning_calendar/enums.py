"""The calendar's and roadmap's vocabularies as GraphQL enums (values are planning's REST values)."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="A social network a content item goes out on.")
class Network(Enum):
    MASTODON = "mastodon"
    BLUESKY = "bluesky"
    X = "x"
    LINKEDIN = "linkedin"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    TIKTOK = "tiktok"
    YOUTUBE = "youtube"


@strawberry.enum
class ContentFormat(Enum):
    TEXT = "text"
    IMAGE = "image"
    CAROUSEL = "carousel"
    VIDEO = "video"
    STORY = "story"
    REEL = "reel"
    THREAD = "thread"
    LIVE = "live"


@strawberry.enum(description="idea -> planned -> in production -> ready -> handed over -> published.")
class ContentStatus(Enum):
    IDEA = "idea"
    PLANNED = "planned"
    IN_PRODUCTION = "in_production"
    READY = "ready"
    HANDED_OVER = "handed_over"
    PUBLISHED = "published"


@strawberry.enum
class CalendarView(Enum):
    WEEK = "week"
    MONTH = "month"


@strawberry.enum(description="todo -> in progress -> submitted -> approved, or sent back -> in progress.")
class TaskStatus(Enum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    SENT_BACK = "sent_back"


@strawberry.enum
class RoutineFrequency(Enum):
    DAILY = "daily"
    WEEKLY = "weekly"
