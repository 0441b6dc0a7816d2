"""Routine repository: loads and saves Routine aggregates. RLS already limits rows to the tenant."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_planning.adapters import routine_index
from chorus_planning.adapters.calendar_orm import RoutineRow
from chorus_planning.domain.routine import Frequency, Routine


class RoutineRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, routine_id: uuid.UUID, *, for_update: bool = False) -> Routine | None:
        statement = select(RoutineRow).where(RoutineRow.id == routine_id)
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return _to_domain(row) if row else None

    async def active_of_brand(self, brand_id: uuid.UUID, *, for_update: bool = False) -> list[Routine]:
        """The brand's active routines; locked when generating, so two generators never race on one routine."""
        statement = (
            select(RoutineRow)
            .where(RoutineRow.brand_id == brand_id, RoutineRow.active.is_(True))
            .order_by(RoutineRow.id)
        )
        if for_update:
            statement = statement.with_for_update()
        return [_to_domain(row) for row in (await self._session.execute(statement)).scalars().all()]

    async def list_for_brand(self, *, brand_id: uuid.UUID, after: uuid.UUID | None, limit: int) -> list[Routine]:
        statement = select(RoutineRow).where(RoutineRow.brand_id == brand_id).order_by(RoutineRow.id)
        if after is not None:
            statement = statement.where(RoutineRow.id > after)
        rows = (await self._session.execute(statement.limit(limit))).scalars().all()
        return [_to_domain(row) for row in rows]

    async def add(self, routine: Routine) -> None:
        row = RoutineRow(id=routine.id, tenant_id=routine.tenant_id, brand_id=routine.brand_id)
        _copy(routine, row)
        self._session.add(row)
        # Due at once: the worker generates its first days without waiting for its next round.
        await routine_index.schedule(self._session, tenant_id=routine.tenant_id, routine_id=routine.id)

    async def save(self, routine: Routine) -> None:
        row = await self._session.get(RoutineRow, routine.id)
        if row is None:
            raise LookupError(routine.id)
        _copy(routine, row)
        if not routine.active:
            await routine_index.forget(self._session, routine.id)


def _copy(routine: Routine, row: RoutineRow) -> None:
    row.title, row.description, row.assignee_id = routine.title, routine.description, routine.assignee_id
    row.frequency, row.weekdays, row.local_time = routine.frequency.value, routine.weekdays, routine.local_time
    row.steps, row.starts_on, row.active = routine.steps, routine.starts_on, routine.active


def _to_domain(row: RoutineRow) -> Routine:
    return Routine(
        id=row.id,
        tenant_id=row.tenant_id,
        brand_id=row.brand_id,
        title=row.title,
        description=row.description,
        assignee_id=row.assignee_id,
        frequency=Frequency(row.frequency),
        weekdays=list(row.weekdays),
        local_time=row.local_time,
        steps=[str(s) for s in row.steps],
        starts_on=row.starts_on,
        active=row.active,
    )
