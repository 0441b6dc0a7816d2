"""REST shapes of the editorial calendar: content items and the week or month view."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field

from chorus_planning.domain.content_item import ContentFormat, ContentItem, ContentStatus
from chorus_planning.domain.networks import Network
from chorus_planning.service.calendar import Calendar, CalendarView
from chorus_planning.service.content_items import ContentItemInput

_LOCAL = Field(
    default=None,
    description="Wall-clock time in the brand's timezone, without offset. A time skipped by a DST change is refused.",
    examples=["2026-04-02T10:00:00"],
)


class ContentItemCreate(BaseModel):
    title: str = Field(max_length=1000, description="What will be published.")
    brief: str = Field(default="", max_length=20000)
    objective_id: uuid.UUID | None = Field(default=None, description="Why: the objective it serves.")
    campaign_id: uuid.UUID | None = None
    assignee_id: uuid.UUID | None = Field(default=None, description="Who: the user producing it.")
    channels: list[Network] = Field(default_factory=list, max_length=8, description="Where.")
    format: ContentFormat = ContentFormat.TEXT
    planned_local: datetime | None = _LOCAL

    def to_input(self) -> ContentItemInput:
        return ContentItemInput(**self.model_dump(), given=None)


class ContentItemUpdate(BaseModel):
    """Every field optional; a field sent as null clears it (objective, campaign, assignee, planned time)."""

    title: str | None = Field(default=None, max_length=1000)
    brief: str | None = Field(default=None, max_length=20000)
    objective_id: uuid.UUID | None = None
    campaign_id: uuid.UUID | None = None
    assignee_id: uuid.UUID | None = None
    channels: list[Network] | None = Field(default=None, max_length=8)
    format: ContentFormat | None = None
    planned_local: datetime | None = _LOCAL

    def to_input(self) -> ContentItemInput:
        # title, brief, channels and format cannot be cleared: null means "unchanged" for them.
        sent = {name for name in self.model_fields_set if name in _CLEARABLE or getattr(self, name) is not None}
        values = {name: getattr(self, name) for name in sent}
        return ContentItemInput(**values, given=frozenset(sent))


_CLEARABLE = frozenset({"objective_id", "campaign_id", "assignee_id", "planned_local"})


class ContentStatusChange(BaseModel):
    status: ContentStatus


class ContentItemRead(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    title: str
    brief: str
    objective_id: uuid.UUID | None
    campaign_id: uuid.UUID | None
    assignee_id: uuid.UUID | None
    channels: list[Network]
    format: ContentFormat
    status: ContentStatus
    planned_at: datetime | None = Field(description="The planned instant, UTC.")
    planned_local: datetime | None = Field(description="The planned instant in the brand's timezone, with offset.")
    planned_timezone: str
    post_id: uuid.UUID | None
    published_at: datetime | None
    network_post_url: str | None
    version: int

    @classmethod
    def of(cls, item: ContentItem, zone: ZoneInfo | None = None) -> ContentItemRead:
        plan, zone = item.plan, zone or ZoneInfo(item.planned_timezone)
        return cls(
            id=item.id,
            brand_id=item.brand_id,
            title=plan.title,
            brief=plan.brief,
            objective_id=plan.objective_id,
            campaign_id=plan.campaign_id,
            assignee_id=plan.assignee_id,
            channels=plan.channels,
            format=plan.format,
            status=item.status,
            planned_at=plan.planned_at,
            planned_local=plan.planned_at.astimezone(zone) if plan.planned_at else None,
            planned_timezone=item.planned_timezone,
            post_id=item.post_id,
            published_at=item.published_at,
            network_post_url=item.network_post_url,
            version=item.version,
        )


class ContentItemPage(BaseModel):
    items: list[ContentItemRead]
    next_after: uuid.UUID | None


class CalendarDayRead(BaseModel):
    date: date
    items: list[ContentItemRead]


class CalendarRead(BaseModel):
    brand_id: uuid.UUID
    timezone: str
    view: CalendarView
    start: date
    end: date
    days: list[CalendarDayRead]

    @classmethod
    def of(cls, calendar: Calendar) -> CalendarRead:
        zone = calendar.zone
        return cls(
            brand_id=calendar.brand.id,
            timezone=calendar.brand.timezone,
            view=calendar.view,
            start=calendar.days[0].date,
            end=calendar.days[-1].date,
            days=[
                CalendarDayRead(date=day.date, items=[ContentItemRead.of(i, zone) for i in day.items])
                for day in calendar.days
            ],
        )
