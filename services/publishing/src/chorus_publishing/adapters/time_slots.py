"""Queue time slot repository (RLS limits rows to the current tenant)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_publishing.adapters.dispatch_orm import QueueSlotRow
from chorus_publishing.domain.errors import TimeSlotTaken
from chorus_publishing.domain.time_slot import TimeSlot


class TimeSlotRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_channel(self, channel_id: uuid.UUID) -> list[TimeSlot]:
        statement = (
            select(QueueSlotRow)
            .where(QueueSlotRow.channel_id == channel_id)
            .order_by(QueueSlotRow.weekday, QueueSlotRow.local_time)
        )
        return [_to_domain(row) for row in (await self._session.execute(statement)).scalars()]

    async def add(self, slot: TimeSlot) -> None:
        try:
            async with self._session.begin_nested():
                self._session.add(
                    QueueSlotRow(
                        id=slot.id,
                        tenant_id=slot.tenant_id,
                        brand_id=slot.brand_id,
                        channel_id=slot.channel_id,
                        weekday=slot.weekday,
                        local_time=slot.local_time,
                        created_at=datetime.now(UTC),
                    )
                )
        except IntegrityError:
            raise TimeSlotTaken("The channel already has a slot at that weekday and time.") from None

    async def get(self, slot_id: uuid.UUID) -> TimeSlot | None:
        row = await self._session.get(QueueSlotRow, slot_id)
        return _to_domain(row) if row else None

    async def remove(self, slot_id: uuid.UUID) -> None:
        await self._session.execute(delete(QueueSlotRow).where(QueueSlotRow.id == slot_id))


def _to_domain(row: QueueSlotRow) -> TimeSlot:
    return TimeSlot(row.id, row.tenant_id, row.brand_id, row.channel_id, row.weekday, row.local_time)
