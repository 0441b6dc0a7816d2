"""Calendar and roadmap queries: a brand's content items, its week or month calendar, tasks and routines."""

from __future__ import annotations

from datetime import date

import strawberry

from chorus_gateway.graphql.connection import Connection
from chorus_gateway.graphql.info import GatewayInfo, documented_field
from chorus_gateway.graphql.planning_calendar.enums import CalendarView, ContentStatus, TaskStatus
from chorus_gateway.graphql.planning_calendar.paging import connection, page_params, parse_id
from chorus_gateway.graphql.planning_calendar.rest import (
    PlanningCalendar,
    PlanningContentItem,
    PlanningContentItemPage,
    PlanningRoutinePage,
    PlanningTask,
    PlanningTaskPage,
)
from chorus_gateway.graphql.planning_calendar.types import Calendar, ContentItem, RoadmapTask, Routine
from chorus_shared.errors import NotFound


@strawberry.type
class PlanningCalendarQuery:
    @documented_field("Null when the item or its brand does not exist or is outside your scope.")
    async def content_item(self, info: GatewayInfo, brand_id: strawberry.ID, id: strawberry.ID) -> ContentItem | None:
        path = f"/brands/{parse_id(brand_id, 'brandId')}/content-items/{parse_id(id, 'id')}"
        try:
            return ContentItem.of(await info.context.service("planning").get(path, PlanningContentItem))
        except NotFound:
            return None

    @strawberry.field
    async def content_items(
        self,
        info: GatewayInfo,
        brand_id: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
        status: ContentStatus | None = None,
    ) -> Connection[ContentItem]:
        params = page_params("content_item", first, after, status=status.value if status else None)
        path = f"/brands/{parse_id(brand_id, 'brandId')}/content-items"
        page = await info.context.service("planning").get(path, PlanningContentItemPage, params=params)
        return connection("content_item", page.items, page.next_after, after, ContentItem.of)

    @documented_field("The brand's week (Monday to Sunday) or month around `date`, in its timezone.")
    async def calendar(
        self, info: GatewayInfo, brand_id: strawberry.ID, date: date, view: CalendarView = CalendarView.WEEK
    ) -> Calendar | None:
        path = f"/brands/{parse_id(brand_id, 'brandId')}/calendar"
        params = {"view": view.value, "date": date.isoformat()}
        try:
            return Calendar.of(await info.context.service("planning").get(path, PlanningCalendar, params=params))
        except NotFound:
            return None

    @strawberry.field
    async def roadmap_task(self, info: GatewayInfo, brand_id: strawberry.ID, id: strawberry.ID) -> RoadmapTask | None:
        path = f"/brands/{parse_id(brand_id, 'brandId')}/tasks/{parse_id(id, 'id')}"
        try:
            return RoadmapTask.of(await info.context.service("planning").get(path, PlanningTask))
        except NotFound:
            return None

    @strawberry.field
    async def roadmap_tasks(
        self,
        info: GatewayInfo,
        brand_id: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
        assignee_id: strawberry.ID | None = None,
        status: TaskStatus | None = None,
    ) -> Connection[RoadmapTask]:
        assignee = str(parse_id(assignee_id, "assigneeId")) if assignee_id else None
        params = page_params("task", first, after, assignee_id=assignee, status=status.value if status else None)
        path = f"/brands/{parse_id(brand_id, 'brandId')}/tasks"
        page = await info.context.service("planning").get(path, PlanningTaskPage, params=params)
        return connection("task", page.items, page.next_after, after, RoadmapTask.of)

    @strawberry.field
    async def routines(
        self, info: GatewayInfo, brand_id: strawberry.ID, first: int | None = None, after: str | None = None
    ) -> Connection[Routine]:
        path = f"/brands/{parse_id(brand_id, 'brandId')}/routines"
        page = await info.context.service("planning").get(
            path, PlanningRoutinePage, params=page_params("routine", first, after)
        )
        return connection("routine", page.items, page.next_after, after, Routine.of)
