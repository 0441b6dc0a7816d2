"""GraphQL types of content items, the calendar, roadmap tasks and routines."""

from __future__ import annotations

from datetime import date, datetime, time

import strawberry

from chorus_gateway.graphql.planning_calendar.enums import (
    CalendarView,
    ContentFormat,
    ContentStatus,
    Network,
    RoutineFrequency,
    TaskStatus,
)
from chorus_gateway.graphql.planning_calendar.rest import (
    PlanningCalendar,
    PlanningContentItem,
    PlanningRoutine,
    PlanningTask,
)


def _id(value: object | None) -> strawberry.ID | None:
    return None if value is None else strawberry.ID(str(value))


@strawberry.type(description="A content-plan item: what, why, who, where, when and in which format.")
class ContentItem:
    id: strawberry.ID
    brand_id: strawberry.ID
    title: str
    brief: str
    objective_id: strawberry.ID | None
    campaign_id: strawberry.ID | None
    assignee_id: strawberry.ID | None
    channels: list[Network]
    format: ContentFormat
    status: ContentStatus
    planned_at: datetime | None = strawberry.field(description="The planned instant, UTC.")
    planned_local: datetime | None = strawberry.field(description="The planned instant in the brand's timezone.")
    planned_timezone: str
    post_id: strawberry.ID | None = strawberry.field(description="Publishing's post made from this item.")
    published_at: datetime | None
    network_post_url: str | None
    version: int

    @classmethod
    def of(cls, item: PlanningContentItem) -> ContentItem:
        return cls(
            id=strawberry.ID(str(item.id)),
            brand_id=strawberry.ID(str(item.brand_id)),
            title=item.title,
            brief=item.brief,
            objective_id=_id(item.objective_id),
            campaign_id=_id(item.campaign_id),
            assignee_id=_id(item.assignee_id),
            channels=[Network(c) for c in item.channels],
            format=ContentFormat(item.format),
            status=ContentStatus(item.status),
            planned_at=item.planned_at,
            planned_local=item.planned_local,
            planned_timezone=item.planned_timezone,
            post_id=_id(item.post_id),
            published_at=item.published_at,
            network_post_url=item.network_post_url,
            version=item.version,
        )


@strawberry.type(description="One local date of the brand's calendar and the items planned on it.")
class CalendarDay:
    date: date
    items: list[ContentItem]


@strawberry.type(description="A week (Monday to Sunday) or a month of the brand's calendar, in its timezone.")
class Calendar:
    brand_id: strawberry.ID
    timezone: str
    view: CalendarView
    start: date
    end: date
    days: list[CalendarDay]

    @classmethod
    def of(cls, calendar: PlanningCalendar) -> Calendar:
        return cls(
            brand_id=strawberry.ID(str(calendar.brand_id)),
            timezone=calendar.timezone,
            view=CalendarView(calendar.view),
            start=calendar.start,
            end=calendar.end,
            days=[CalendarDay(date=d.date, items=[ContentItem.of(i) for i in d.items]) for d in calendar.days],
        )


@strawberry.type
class RoadmapStep:
    title: str
    done: bool


@strawberry.type(description="A community manager's task, with its checklist and the reviewer's comment.")
class RoadmapTask:
    id: strawberry.ID
    brand_id: strawberry.ID
    title: str
    description: str
    assignee_id: strawberry.ID
    due_at: datetime
    campaign_id: strawberry.ID | None
    content_item_id: strawberry.ID | None
    steps: list[RoadmapStep]
    status: TaskStatus
    review_comment: str | None
    routine_id: strawberry.ID | None
    occurrence_date: date | None
    version: int

    @classmethod
    def of(cls, task: PlanningTask) -> RoadmapTask:
        return cls(
            id=strawberry.ID(str(task.id)),
            brand_id=strawberry.ID(str(task.brand_id)),
            title=task.title,
            description=task.description,
            assignee_id=strawberry.ID(str(task.assignee_id)),
            due_at=task.due_at,
            campaign_id=_id(task.campaign_id),
            content_item_id=_id(task.content_item_id),
            steps=[RoadmapStep(title=s.title, done=s.done) for s in task.steps],
            status=TaskStatus(task.status),
            review_comment=task.review_comment,
            routine_id=_id(task.routine_id),
            occurrence_date=task.occurrence_date,
            version=task.version,
        )


@strawberry.type(description="A recurring routine: daily, or weekly on ISO weekdays (1 = Monday), at a local time.")
class Routine:
    id: strawberry.ID
    brand_id: strawberry.ID
    title: str
    description: str
    assignee_id: strawberry.ID
    frequency: RoutineFrequency
    weekdays: list[int]
    local_time: time
    steps: list[str]
    starts_on: date
    active: bool

    @classmethod
    def of(cls, routine: PlanningRoutine) -> Routine:
        return cls(
            id=strawberry.ID(str(routine.id)),
            brand_id=strawberry.ID(str(routine.brand_id)),
            title=routine.title,
            description=routine.description,
            assignee_id=strawberry.ID(str(routine.assignee_id)),
            frequency=RoutineFrequency(routine.frequency),
            weekdays=routine.weekdays,
            local_time=routine.local_time,
            steps=routine.steps,
            starts_on=routine.starts_on,
            active=routine.active,
        )
