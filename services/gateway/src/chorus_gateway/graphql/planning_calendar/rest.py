"""The REST shapes the gateway reads from planning's calendar and roadmap (only the fields it uses)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from pydantic import BaseModel


class PlanningContentItem(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    title: str
    brief: str
    objective_id: uuid.UUID | None
    campaign_id: uuid.UUID | None
    assignee_id: uuid.UUID | None
    channels: list[str]
    format: str
    status: str
    planned_at: datetime | None
    planned_local: datetime | None
    planned_timezone: str
    post_id: uuid.UUID | None
    published_at: datetime | None
    network_post_url: str | None
    version: int


class PlanningContentItemPage(BaseModel):
    items: list[PlanningContentItem]
    next_after: uuid.UUID | None


class PlanningCalendarDay(BaseModel):
    date: date
    items: list[PlanningContentItem]


class PlanningCalendar(BaseModel):
    brand_id: uuid.UUID
    timezone: str
    view: str
    start: date
    end: date
    days: list[PlanningCalendarDay]


class PlanningStep(BaseModel):
    title: str
    done: bool


class PlanningTask(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    title: str
    description: str
    assignee_id: uuid.UUID
    due_at: datetime
    campaign_id: uuid.UUID | None
    content_item_id: uuid.UUID | None
    steps: list[PlanningStep]
    status: str
    review_comment: str | None
    routine_id: uuid.UUID | None
    occurrence_date: date | None
    version: int


class PlanningTaskPage(BaseModel):
    items: list[PlanningTask]
    next_after: uuid.UUID | None


class PlanningRoutine(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    title: str
    description: str
    assignee_id: uuid.UUID
    frequency: str
    weekdays: list[int]
    local_time: time
    steps: list[str]
    starts_on: date
    active: bool


class PlanningRoutinePage(BaseModel):
    items: list[PlanningRoutine]
    next_after: uuid.UUID | None


class PlanningGeneratedTasks(BaseModel):
    created: list[PlanningTask]
