"""Editorial calendar routes: a brand's content items, their status and hand-over, and its week or month view."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, status

from chorus_planning.api.content_item_schemas import (
    CalendarRead,
    ContentItemCreate,
    ContentItemPage,
    ContentItemRead,
    ContentItemUpdate,
    ContentStatusChange,
)
from chorus_planning.api.dependencies import RequestUnitOfWork
from chorus_planning.domain.content_item import ContentItem, ContentStatus
from chorus_planning.service import calendar, content_items
from chorus_shared.auth import CurrentPrincipal

router = APIRouter(prefix="/brands/{brand_id}", tags=["calendar"])


@router.post("/content-items", status_code=status.HTTP_201_CREATED)
async def create_content_item(
    brand_id: uuid.UUID, body: ContentItemCreate, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> ContentItemRead:
    item = await content_items.create_content_item(
        uow=uow, principal=principal, brand_id=brand_id, data=body.to_input()
    )
    return await _committed(uow, item)


@router.get("/content-items")
async def list_content_items(
    brand_id: uuid.UUID,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    status: ContentStatus | None = None,
    after: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> ContentItemPage:
    found = await content_items.list_content_items(
        uow=uow, principal=principal, brand_id=brand_id, status=status, after=after, limit=limit + 1
    )
    page = found[:limit]
    return ContentItemPage(
        items=[ContentItemRead.of(i) for i in page], next_after=page[-1].id if len(found) > limit else None
    )


@router.get("/content-items/{item_id}")
async def get_content_item(
    brand_id: uuid.UUID, item_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> ContentItemRead:
    item = await content_items.get_content_item(uow=uow, principal=principal, brand_id=brand_id, item_id=item_id)
    return ContentItemRead.of(item)


@router.patch("/content-items/{item_id}")
async def update_content_item(
    brand_id: uuid.UUID,
    item_id: uuid.UUID,
    body: ContentItemUpdate,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
) -> ContentItemRead:
    item = await content_items.update_content_item(
        uow=uow, principal=principal, brand_id=brand_id, item_id=item_id, data=body.to_input()
    )
    return await _committed(uow, item)


@router.post("/content-items/{item_id}/status")
async def move_content_item(
    brand_id: uuid.UUID,
    item_id: uuid.UUID,
    body: ContentStatusChange,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
) -> ContentItemRead:
    item = await content_items.move_content_item(
        uow=uow, principal=principal, brand_id=brand_id, item_id=item_id, status=body.status
    )
    return await _committed(uow, item)


@router.post("/content-items/{item_id}/hand-over")
async def hand_over_content_item(
    brand_id: uuid.UUID, item_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> ContentItemRead:
    item = await content_items.hand_over_content_item(uow=uow, principal=principal, brand_id=brand_id, item_id=item_id)
    return await _committed(uow, item)


@router.get("/calendar")
async def brand_calendar(
    brand_id: uuid.UUID,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    day: Annotated[date, Query(alias="date", description="Any local date of the week or month to show.")],
    view: calendar.CalendarView = calendar.CalendarView.WEEK,
) -> CalendarRead:
    found = await calendar.brand_calendar(uow=uow, principal=principal, brand_id=brand_id, view=view, anchor=day)
    return CalendarRead.of(found)


async def _committed(uow: RequestUnitOfWork, item: ContentItem) -> ContentItemRead:
    await uow.commit()
    return ContentItemRead.of(item)
