"""A channel's queue time slots: list, add, remove (weekday + wall time in the brand's timezone)."""

from __future__ import annotations

import datetime as dt
import uuid

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from chorus_publishing.api.dependencies import RequestUnitOfWork
from chorus_publishing.domain.time_slot import TimeSlot
from chorus_publishing.service import time_slots
from chorus_shared.auth import CurrentPrincipal

router = APIRouter(prefix="/channels", tags=["queue time slots"])


class TimeSlotCreate(BaseModel):
    brand_id: uuid.UUID
    weekday: int = Field(description="0 = Monday ... 6 = Sunday", examples=[0])
    time: dt.time = Field(description="Wall-clock time in the brand's timezone, HH:MM", examples=["09:30"])


class TimeSlotRead(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    channel_id: uuid.UUID
    weekday: int
    time: dt.time

    @classmethod
    def of(cls, slot: TimeSlot) -> TimeSlotRead:
        return cls(
            id=slot.id, brand_id=slot.brand_id, channel_id=slot.channel_id, weekday=slot.weekday, time=slot.local_time
        )


class TimeSlotPage(BaseModel):
    items: list[TimeSlotRead]


@router.get("/{channel_id}/slots")
async def list_slots(channel_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> TimeSlotPage:
    # A channel has at most 7 x 1440 slots: one page.
    slots = await time_slots.list_slots(uow=uow, principal=principal, channel_id=channel_id)
    return TimeSlotPage(items=[TimeSlotRead.of(s) for s in slots])


@router.post("/{channel_id}/slots", status_code=201)
async def add_slot(
    channel_id: uuid.UUID, body: TimeSlotCreate, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> TimeSlotRead:
    slot = await time_slots.add_slot(
        uow=uow, principal=principal, brand_id=body.brand_id, channel_id=channel_id, weekday=body.weekday, at=body.time
    )
    await uow.commit()
    return TimeSlotRead.of(slot)


@router.delete("/{channel_id}/slots/{slot_id}", status_code=204)
async def remove_slot(
    channel_id: uuid.UUID, slot_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> Response:
    await time_slots.remove_slot(uow=uow, principal=principal, channel_id=channel_id, slot_id=slot_id)
    await uow.commit()
    return Response(status_code=204)
