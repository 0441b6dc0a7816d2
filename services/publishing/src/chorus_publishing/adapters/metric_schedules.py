"""Storing metrics schedules (tenant rows under RLS), each save mirrored into the collectors' index."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_publishing.adapters.metric_schedule_index import index
from chorus_publishing.adapters.metrics_orm import MetricScheduleRow
from chorus_publishing.domain.metrics_schedule import MetricsSchedule, ScheduleStatus

FIELDS = (
    "id",
    "tenant_id",
    "post_id",
    "brand_id",
    "channel_id",
    "network",
    "network_post_id",
    "published_at",
    "status",
    "next_fetch_at",
    "last_fetched_at",
    "failures",
    "last_error",
)
MUTABLE = ("status", "next_fetch_at", "last_fetched_at", "failures", "last_error")


class MetricScheduleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, schedule: MetricsSchedule) -> bool:
        """Store a new schedule; False (and nothing written) when the post already has one on that channel."""
        values = _values(schedule)
        added = await self._session.execute(
            insert(MetricScheduleRow).values(**values).on_conflict_do_nothing().returning(MetricScheduleRow.id)
        )
        if added.first() is None:
            return False
        await index(self._session, schedule)
        return True

    async def get(self, schedule_id: uuid.UUID, *, for_update: bool = False) -> MetricsSchedule | None:
        statement = select(MetricScheduleRow).where(MetricScheduleRow.id == schedule_id)
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return None if row is None else _to_domain(row)

    async def of_post(self, post_id: uuid.UUID) -> list[MetricsSchedule]:
        statement = select(MetricScheduleRow).where(MetricScheduleRow.post_id == post_id)
        rows = (await self._session.execute(statement.order_by(MetricScheduleRow.published_at))).scalars()
        return [_to_domain(row) for row in rows]

    async def paused_on(self, channel_id: uuid.UUID) -> list[MetricsSchedule]:
        statement = (
            select(MetricScheduleRow)
            .where(MetricScheduleRow.channel_id == channel_id, MetricScheduleRow.status == ScheduleStatus.PAUSED)
            .with_for_update()
        )
        return [_to_domain(row) for row in (await self._session.execute(statement)).scalars()]

    async def save(self, schedule: MetricsSchedule) -> None:
        row = await self._session.get(MetricScheduleRow, schedule.id)
        if row is None:
            raise LookupError(f"no metrics schedule {schedule.id}")
        for name, value in _values(schedule).items():
            if name in MUTABLE:
                setattr(row, name, value)
        await self._session.flush()
        await index(self._session, schedule)


def _values(schedule: MetricsSchedule) -> dict[str, object]:
    values = {name: getattr(schedule, name) for name in FIELDS}
    values["status"] = schedule.status.value
    return values


def _to_domain(row: MetricScheduleRow) -> MetricsSchedule:
    values = {name: getattr(row, name) for name in FIELDS}
    values["status"] = ScheduleStatus(row.status)
    return MetricsSchedule(**values)
