"""Roadmap task repository: loads and saves RoadmapTask aggregates. RLS already limits rows to the tenant."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_planning.adapters.calendar_orm import RoadmapTaskRow
from chorus_planning.domain.roadmap_task import RoadmapTask, Step, TaskPlan, TaskStatus


class RoadmapTaskRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, task_id: uuid.UUID, *, for_update: bool = False) -> RoadmapTask | None:
        statement = select(RoadmapTaskRow).where(RoadmapTaskRow.id == task_id)
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return _to_domain(row) if row else None

    async def list_for_brand(
        self,
        *,
        brand_id: uuid.UUID,
        assignee_id: uuid.UUID | None,
        status: TaskStatus | None,
        after: uuid.UUID | None,
        limit: int,
    ) -> list[RoadmapTask]:
        statement = select(RoadmapTaskRow).where(RoadmapTaskRow.brand_id == brand_id).order_by(RoadmapTaskRow.id)
        if assignee_id is not None:
            statement = statement.where(RoadmapTaskRow.assignee_id == assignee_id)
        if status is not None:
            statement = statement.where(RoadmapTaskRow.status == status.value)
        if after is not None:
            statement = statement.where(RoadmapTaskRow.id > after)
        rows = (await self._session.execute(statement.limit(limit))).scalars().all()
        return [_to_domain(row) for row in rows]

    async def occurrence_dates(self, routine_id: uuid.UUID, *, first: date, last: date) -> set[date]:
        statement = select(RoadmapTaskRow.occurrence_date).where(
            RoadmapTaskRow.routine_id == routine_id,
            RoadmapTaskRow.occurrence_date >= first,
            RoadmapTaskRow.occurrence_date <= last,
        )
        return {d for d in (await self._session.execute(statement)).scalars().all() if d is not None}

    async def add(self, task: RoadmapTask) -> None:
        row = RoadmapTaskRow(
            id=task.id,
            tenant_id=task.tenant_id,
            brand_id=task.brand_id,
            routine_id=task.routine_id,
            occurrence_date=task.occurrence_date,
        )
        _copy(task, row)
        self._session.add(row)

    async def save(self, task: RoadmapTask) -> None:
        row = await self._session.get(RoadmapTaskRow, task.id)
        if row is None:
            raise LookupError(task.id)
        _copy(task, row)


def _copy(task: RoadmapTask, row: RoadmapTaskRow) -> None:
    plan = task.plan
    row.title, row.description, row.assignee_id, row.due_at = (
        plan.title,
        plan.description,
        plan.assignee_id,
        plan.due_at,
    )
    row.campaign_id, row.content_item_id = plan.campaign_id, plan.content_item_id
    row.steps = [{"title": s.title, "done": s.done} for s in plan.steps]
    row.status, row.review_comment, row.version = task.status.value, task.review_comment, task.version


def _to_domain(row: RoadmapTaskRow) -> RoadmapTask:
    return RoadmapTask(
        id=row.id,
        tenant_id=row.tenant_id,
        brand_id=row.brand_id,
        plan=TaskPlan(
            title=row.title,
            assignee_id=row.assignee_id,
            due_at=row.due_at,
            description=row.description,
            campaign_id=row.campaign_id,
            content_item_id=row.content_item_id,
            steps=[Step(title=str(s["title"]), done=bool(s["done"])) for s in row.steps],
        ),
        status=TaskStatus(row.status),
        review_comment=row.review_comment,
        routine_id=row.routine_id,
        occurrence_date=row.occurrence_date,
        version=row.version,
    )
