"""Storing metrics snapshots with their values, and reading a post's latest per channel and its history."""

from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy import Select, select, tuple_
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_publishing.adapters.metrics_orm import MetricSnapshotRow, MetricValueRow
from chorus_publishing.domain.metrics_snapshot import MetricsSnapshot, Reading

HEAD = ("id", "schedule_id", "post_id", "brand_id", "channel_id", "network", "network_post_id", "fetched_at")


class MetricSnapshotRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, tenant_id: uuid.UUID, snapshot: MetricsSnapshot) -> None:
        self._session.add(MetricSnapshotRow(tenant_id=tenant_id, **{name: getattr(snapshot, name) for name in HEAD}))
        await self._session.flush()  # the values' foreign key needs the snapshot row first
        self._session.add_all(
            MetricValueRow(
                tenant_id=tenant_id,
                snapshot_id=snapshot.id,
                name=reading.name,
                position=position,
                value=reading.value,
                api_field=reading.api_field,
            )
            for position, reading in enumerate(snapshot.readings)
        )
        await self._session.flush()

    async def latest_per_channel(self, post_id: uuid.UUID) -> list[MetricsSnapshot]:
        statement = (
            select(MetricSnapshotRow)
            .where(MetricSnapshotRow.post_id == post_id)
            .ext(distinct_on(MetricSnapshotRow.schedule_id))
            .order_by(MetricSnapshotRow.schedule_id, MetricSnapshotRow.fetched_at.desc(), MetricSnapshotRow.id.desc())
        )
        return await self._with_values(statement)

    async def history(self, post_id: uuid.UUID, *, after: uuid.UUID | None, limit: int) -> list[MetricsSnapshot]:
        """The post's snapshots, newest first; `after` is the last snapshot id of the previous page."""
        statement = select(MetricSnapshotRow).where(MetricSnapshotRow.post_id == post_id)
        if after is not None:
            cursor = await self._session.get(MetricSnapshotRow, after)
            if cursor is None or cursor.post_id != post_id:
                return []
            position = tuple_(MetricSnapshotRow.fetched_at, MetricSnapshotRow.id)
            statement = statement.where(position < tuple_(cursor.fetched_at, cursor.id))
        ordered = statement.order_by(MetricSnapshotRow.fetched_at.desc(), MetricSnapshotRow.id.desc()).limit(limit)
        return await self._with_values(ordered)

    async def _with_values(self, statement: Select[MetricSnapshotRow]) -> list[MetricsSnapshot]:
        heads = list((await self._session.execute(statement)).scalars())
        if not heads:
            return []
        values = select(MetricValueRow).where(MetricValueRow.snapshot_id.in_([head.id for head in heads]))
        readings: dict[uuid.UUID, list[Reading]] = defaultdict(list)
        for row in (await self._session.execute(values.order_by(MetricValueRow.position))).scalars():
            readings[row.snapshot_id].append(Reading(row.name, row.value, row.api_field))
        return [
            MetricsSnapshot(**{name: getattr(head, name) for name in HEAD}, readings=tuple(readings[head.id]))
            for head in heads
        ]
