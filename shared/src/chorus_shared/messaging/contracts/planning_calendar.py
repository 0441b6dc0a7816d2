"""Events the planning service publishes about the editorial calendar and the community managers' roadmap.

Publishing turns `content_item.handed_over` into a draft post linked to the item; the other events let webhooks,
the gateway and reporting follow the plan.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import ClassVar

from pydantic import AwareDatetime, Field

from chorus_shared.messaging.contracts.base import EventPayload


class ContentItemSnapshot(EventPayload):
    """A content-plan item as other services may keep it. `planned_at` is UTC; `planned_timezone` the brand's."""

    content_item_id: uuid.UUID
    brand_id: uuid.UUID
    title: str
    brief: str
    objective_id: uuid.UUID | None = None
    campaign_id: uuid.UUID | None = None
    assignee_id: uuid.UUID | None = None
    channels: list[str] = Field(description="Networks: mastodon, bluesky, x, linkedin, facebook, instagram, ...")
    format: str = Field(description="text, image, carousel, video, story, reel, thread or live")
    planned_at: AwareDatetime | None = None
    planned_timezone: str
    status: str = Field(description="idea, planned, in_production, ready, handed_over or published")


class ContentItemCreatedV1(ContentItemSnapshot):
    event_type: ClassVar[str] = "chorus.planning.content_item.created.v1"


class ContentItemUpdatedV1(ContentItemSnapshot):
    """What, why, who, where, when or format changed (status changes have their own event)."""

    event_type: ClassVar[str] = "chorus.planning.content_item.updated.v1"


class ContentItemStatusChangedV1(EventPayload):
    event_type: ClassVar[str] = "chorus.planning.content_item.status_changed.v1"

    content_item_id: uuid.UUID
    brand_id: uuid.UUID
    status: str
    previous_status: str
    post_id: uuid.UUID | None = Field(default=None, description="The publishing post that moved the item, if any.")


class ContentItemHandedOverV1(EventPayload):
    """A ready item goes to publishing, which creates a draft post linked to it."""

    event_type: ClassVar[str] = "chorus.planning.content_item.handed_over.v1"

    content_item_id: uuid.UUID
    brand_id: uuid.UUID
    campaign_id: uuid.UUID | None = None
    objective_id: uuid.UUID | None = None
    title: str
    brief: str
    channels: list[str] = Field(min_length=1)
    format: str
    planned_at: AwareDatetime = Field(description="When to publish, in UTC.")
    planned_timezone: str = Field(description="The brand timezone the plan was made in.")
    handed_over_by: str


class RoadmapStep(EventPayload):
    title: str
    done: bool = False


class RoadmapTaskSnapshot(EventPayload):
    """A community manager's task with its checklist; `routine_id` and `occurrence_date` when a routine made it."""

    task_id: uuid.UUID
    brand_id: uuid.UUID
    title: str
    description: str
    assignee_id: uuid.UUID
    due_at: AwareDatetime
    campaign_id: uuid.UUID | None = None
    content_item_id: uuid.UUID | None = None
    steps: list[RoadmapStep] = Field(default_factory=list)
    status: str = Field(description="todo, in_progress, submitted, approved or sent_back")
    routine_id: uuid.UUID | None = None
    occurrence_date: date | None = None


class RoadmapTaskCreatedV1(RoadmapTaskSnapshot):
    event_type: ClassVar[str] = "chorus.planning.roadmap_task.created.v1"


class RoadmapTaskUpdatedV1(RoadmapTaskSnapshot):
    """Title, description, assignee, due date, links or checklist changed."""

    event_type: ClassVar[str] = "chorus.planning.roadmap_task.updated.v1"


class RoadmapTaskStatusChangedV1(EventPayload):
    """`comment` is the reviewer's reason when a submitted task is sent back."""

    event_type: ClassVar[str] = "chorus.planning.roadmap_task.status_changed.v1"

    task_id: uuid.UUID
    brand_id: uuid.UUID
    assignee_id: uuid.UUID
    status: str
    previous_status: str
    changed_by: str
    comment: str | None = None


class RoutineCreatedV1(EventPayload):
    """A recurring routine: daily, or weekly on ISO weekdays (1 = Monday), at a local time of the brand."""

    event_type: ClassVar[str] = "chorus.planning.routine.created.v1"

    routine_id: uuid.UUID
    brand_id: uuid.UUID
    title: str
    assignee_id: uuid.UUID
    frequency: str = Field(description="daily or weekly")
    weekdays: list[int] = Field(default_factory=list)
    local_time: str = Field(description="HH:MM in the brand's timezone")
    timezone: str


class RoutineEndedV1(EventPayload):
    event_type: ClassVar[str] = "chorus.planning.routine.ended.v1"

    routine_id: uuid.UUID
    brand_id: uuid.UUID
