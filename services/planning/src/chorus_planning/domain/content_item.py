"""Content-plan item: what will be published, why, by whom, where, when and in which format, and how far along it is.

Status moves idea -> planned -> in production -> ready -> handed over -> published; a step back is allowed before
the hand-over (rework). Handing over is its own action (it tells publishing to make a draft post) and only
publishing's events mark an item published.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from chorus_planning.domain.errors import ContentItemTransitionRefused
from chorus_planning.domain.networks import Network
from chorus_shared.errors import FieldError, ValidationFailed
from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.contracts.planning_calendar import (
    ContentItemCreatedV1,
    ContentItemHandedOverV1,
    ContentItemStatusChangedV1,
    ContentItemUpdatedV1,
)

TITLE_MAX = 200
BRIEF_MAX = 5000


class ContentFormat(StrEnum):
    TEXT = "text"
    IMAGE = "image"
    CAROUSEL = "carousel"
    VIDEO = "video"
    STORY = "story"
    REEL = "reel"
    THREAD = "thread"
    LIVE = "live"


class ContentStatus(StrEnum):
    IDEA = "idea"
    PLANNED = "planned"
    IN_PRODUCTION = "in_production"
    READY = "ready"
    HANDED_OVER = "handed_over"
    PUBLISHED = "published"


# Moves a person may make with a status change; handed_over and published have their own paths.
_MANUAL_MOVES: dict[ContentStatus, frozenset[ContentStatus]] = {
    ContentStatus.IDEA: frozenset({ContentStatus.PLANNED}),
    ContentStatus.PLANNED: frozenset({ContentStatus.IDEA, ContentStatus.IN_PRODUCTION}),
    ContentStatus.IN_PRODUCTION: frozenset({ContentStatus.PLANNED, ContentStatus.READY}),
    ContentStatus.READY: frozenset({ContentStatus.IN_PRODUCTION}),
    ContentStatus.HANDED_OVER: frozenset(),
    ContentStatus.PUBLISHED: frozenset(),
}
# From planned on, an item has a date and at least one channel: it is on the calendar.
_SCHEDULED = frozenset(set(ContentStatus) - {ContentStatus.IDEA})


@dataclass
class ContentPlan:
    """The editable part of an item: what, why, who, where, when (UTC) and format."""

    title: str
    brief: str = ""
    objective_id: uuid.UUID | None = None
    campaign_id: uuid.UUID | None = None
    assignee_id: uuid.UUID | None = None
    channels: list[Network] = field(default_factory=list)
    format: ContentFormat = ContentFormat.TEXT
    planned_at: datetime | None = None


@dataclass
class ContentItem:
    id: uuid.UUID
    tenant_id: uuid.UUID
    brand_id: uuid.UUID
    plan: ContentPlan
    planned_timezone: str
    status: ContentStatus = ContentStatus.IDEA
    post_id: uuid.UUID | None = None
    published_at: datetime | None = None
    network_post_url: str | None = None
    version: int = 1
    events: list[EventPayload] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def create(cls, *, tenant_id: uuid.UUID, brand_id: uuid.UUID, plan: ContentPlan, timezone: str) -> ContentItem:
        item = cls(
            id=uuid.uuid4(), tenant_id=tenant_id, brand_id=brand_id, plan=_validated(plan), planned_timezone=timezone
        )
        item.events.append(ContentItemCreatedV1(**item._snapshot()))
        return item

    def replan(self, plan: ContentPlan, *, timezone: str) -> None:
        """Change what, why, who, where, when or format; a handed-over item belongs to publishing now."""
        self._ensure_editable()
        plan = _validated(plan)
        self._ensure_schedulable(self.status, plan)
        if plan == self.plan and timezone == self.planned_timezone:
            return
        self.plan, self.planned_timezone = plan, timezone
        self.version += 1
        self.events.append(ContentItemUpdatedV1(**self._snapshot()))

    def move_to(self, target: ContentStatus) -> None:
        if target == self.status:
            return
        if target not in _MANUAL_MOVES[self.status]:
            raise ContentItemTransitionRefused(_refusal(self.status, target))
        self._ensure_schedulable(target, self.plan)
        self._change_status(target)

    def hand_over(self, *, by: str) -> None:
        if self.status is not ContentStatus.READY:
            raise ContentItemTransitionRefused(
                f"Only a ready item can be handed over to publishing; this one is {self.status.value}."
            )
        assert self.plan.planned_at is not None  # a ready item is scheduled (_ensure_schedulable)
        self._change_status(ContentStatus.HANDED_OVER)
        self.events.append(
            ContentItemHandedOverV1(
                content_item_id=self.id,
                brand_id=self.brand_id,
                campaign_id=self.plan.campaign_id,
                objective_id=self.plan.objective_id,
                title=self.plan.title,
                brief=self.plan.brief,
                channels=[c.value for c in self.plan.channels],
                format=self.plan.format.value,
                planned_at=self.plan.planned_at,
                planned_timezone=self.planned_timezone,
                handed_over_by=by,
            )
        )

    def link_post(self, post_id: uuid.UUID) -> None:
        """Publishing made the draft post for this item. Only the first post is kept: later ones are copies."""
        if self.post_id is None:
            self.post_id = post_id
            self.version += 1

    def mark_published(self, *, post_id: uuid.UUID, published_at: datetime, url: str | None) -> bool:
        """Publishing published the item's post. False (nothing changes) unless the item was handed over."""
        if self.status is not ContentStatus.HANDED_OVER:
            return False  # already published (another channel, a redelivery), or never handed over
        self.post_id = self.post_id or post_id
        self.published_at, self.network_post_url = published_at, url
        self._change_status(ContentStatus.PUBLISHED, post_id=post_id)
        return True

    def _change_status(self, target: ContentStatus, *, post_id: uuid.UUID | None = None) -> None:
        previous, self.status = self.status, target
        self.version += 1
        self.events.append(
            ContentItemStatusChangedV1(
                content_item_id=self.id,
                brand_id=self.brand_id,
                status=target.value,
                previous_status=previous.value,
                post_id=post_id,
            )
        )

    def _ensure_editable(self) -> None:
        if self.status in (ContentStatus.HANDED_OVER, ContentStatus.PUBLISHED):
            raise ContentItemTransitionRefused(
                f"A {self.status.value.replace('_', ' ')} item cannot be changed in the plan any more."
            )

    @staticmethod
    def _ensure_schedulable(status: ContentStatus, plan: ContentPlan) -> None:
        if status not in _SCHEDULED:
            return
        errors = []
        if plan.planned_at is None:
            errors.append(FieldError("planned_at", f"A {status.value} item needs a planned date and time.", "required"))
        if not plan.channels:
            errors.append(FieldError("channels", f"A {status.value} item needs at least one channel.", "required"))
        if errors:
            raise ValidationFailed("The item is not ready for that status.", field_errors=errors)

    def _snapshot(self) -> dict[str, object]:
        return {
            "content_item_id": self.id,
            "brand_id": self.brand_id,
            "title": self.plan.title,
            "brief": self.plan.brief,
            "objective_id": self.plan.objective_id,
            "campaign_id": self.plan.campaign_id,
            "assignee_id": self.plan.assignee_id,
            "channels": [c.value for c in self.plan.channels],
            "format": self.plan.format.value,
            "planned_at": self.plan.planned_at,
            "planned_timezone": self.planned_timezone,
            "status": self.status.value,
        }


def _refusal(current: ContentStatus, target: ContentStatus) -> str:
    if target is ContentStatus.HANDED_OVER:
        return "Use the hand-over action to give a ready item to publishing."
    if target is ContentStatus.PUBLISHED:
        return "An item becomes published when publishing publishes its post, not by hand."
    allowed = ", ".join(sorted(s.value for s in _MANUAL_MOVES[current])) or "none"
    return f"A {current.value} item cannot move to {target.value} (allowed: {allowed})."


def _validated(plan: ContentPlan) -> ContentPlan:
    errors: list[FieldError] = []
    title = " ".join(plan.title.split())
    if not title:
        errors.append(FieldError("title", "An item needs a title: what will be published.", "required"))
    elif len(title) > TITLE_MAX:
        errors.append(FieldError("title", f"A title has at most {TITLE_MAX} characters.", "too_long"))
    if len(plan.brief) > BRIEF_MAX:
        errors.append(FieldError("brief", f"A brief has at most {BRIEF_MAX} characters.", "too_long"))
    if errors:
        raise ValidationFailed("The content item is not valid.", field_errors=errors)
    return replace(plan, title=title, brief=plan.brief.strip(), channels=list(dict.fromkeys(plan.channels)))
