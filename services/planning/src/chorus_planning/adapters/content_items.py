"""Content item repository: loads and saves ContentItem aggregates. RLS already limits rows to the tenant."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_planning.adapters.calendar_orm import ContentItemRow
from chorus_planning.domain.content_item import ContentFormat, ContentItem, ContentPlan, ContentStatus
from chorus_planning.domain.networks import Network


class ContentItemRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, item_id: uuid.UUID, *, for_update: bool = False) -> ContentItem | None:
        statement = select(ContentItemRow).where(ContentItemRow.id == item_id)
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return _to_domain(row) if row else None

    async def list_for_brand(
        self, *, brand_id: uuid.UUID, status: ContentStatus | None, after: uuid.UUID | None, limit: int
    ) -> list[ContentItem]:
        statement = select(ContentItemRow).where(ContentItemRow.brand_id == brand_id).order_by(ContentItemRow.id)
        if status is not None:
            statement = statement.where(ContentItemRow.status == status.value)
        if after is not None:
            statement = statement.where(ContentItemRow.id > after)
        rows = (await self._session.execute(statement.limit(limit))).scalars().all()
        return [_to_domain(row) for row in rows]

    async def planned_between(self, *, brand_id: uuid.UUID, start: datetime, end: datetime) -> list[ContentItem]:
        """Items of the brand planned in [start, end), in time order."""
        statement = (
            select(ContentItemRow)
            .where(
                ContentItemRow.brand_id == brand_id,
                ContentItemRow.planned_at >= start,
                ContentItemRow.planned_at < end,
            )
            .order_by(ContentItemRow.planned_at, ContentItemRow.id)
        )
        return [_to_domain(row) for row in (await self._session.execute(statement)).scalars().all()]

    async def add(self, item: ContentItem) -> None:
        row = ContentItemRow(id=item.id, tenant_id=item.tenant_id, brand_id=item.brand_id)
        _copy(item, row)
        self._session.add(row)

    async def save(self, item: ContentItem) -> None:
        row = await self._session.get(ContentItemRow, item.id)
        if row is None:
            raise LookupError(item.id)
        _copy(item, row)


def _copy(item: ContentItem, row: ContentItemRow) -> None:
    plan = item.plan
    row.title, row.brief, row.format = plan.title, plan.brief, plan.format.value
    row.objective_id, row.campaign_id, row.assignee_id = plan.objective_id, plan.campaign_id, plan.assignee_id
    row.channels = [c.value for c in plan.channels]
    row.planned_at, row.planned_timezone = plan.planned_at, item.planned_timezone
    row.status, row.post_id, row.version = item.status.value, item.post_id, item.version
    row.published_at, row.network_post_url = item.published_at, item.network_post_url


def _to_domain(row: ContentItemRow) -> ContentItem:
    return ContentItem(
        id=row.id,
        tenant_id=row.tenant_id,
        brand_id=row.brand_id,
        plan=ContentPlan(
            title=row.title,
            brief=row.brief,
            objective_id=row.objective_id,
            campaign_id=row.campaign_id,
            assignee_id=row.assignee_id,
            channels=[Network(c) for c in row.channels],
            format=ContentFormat(row.format),
            planned_at=row.planned_at,
        ),
        planned_timezone=row.planned_timezone,
        status=ContentStatus(row.status),
        post_id=row.post_id,
        published_at=row.published_at,
        network_post_url=row.network_post_url,
        version=row.version,
    )
