"""A channel's queue: its weekly time slots, and the instants publications take from it."""

from __future__ import annotations

import uuid
from datetime import datetime, time
from zoneinfo import ZoneInfo

from chorus_publishing.adapters.brand_references import BrandReferenceRepository
from chorus_publishing.adapters.publications import PublicationRepository
from chorus_publishing.adapters.time_slots import TimeSlotRepository
from chorus_publishing.domain.errors import BrandNotKnown, NoFreeSlot, TimeSlotNotFound
from chorus_publishing.domain.publication import Publication, PublicationState, Timing
from chorus_publishing.domain.time_slot import TimeSlot, first_free, upcoming_instants
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork

LOOK_AHEAD = 5_000  # slot instants: years of a busy queue


async def list_slots(*, uow: UnitOfWork, principal: Principal, channel_id: uuid.UUID) -> list[TimeSlot]:
    require_permission(principal, Permission.READ)
    slots = await TimeSlotRepository(uow.session).for_channel(channel_id)
    return [s for s in slots if principal.can_see_brand(s.brand_id)]


async def add_slot(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, channel_id: uuid.UUID, weekday: int, at: time
) -> TimeSlot:
    require_permission(principal, Permission.PUBLISH_CONTENT)
    await brand_zone(uow, principal, brand_id)
    slot = TimeSlot.new(
        tenant_id=principal.tenant_id, brand_id=brand_id, channel_id=channel_id, weekday=weekday, local_time=at
    )
    await TimeSlotRepository(uow.session).add(slot)
    return slot


async def remove_slot(*, uow: UnitOfWork, principal: Principal, channel_id: uuid.UUID, slot_id: uuid.UUID) -> None:
    require_permission(principal, Permission.PUBLISH_CONTENT)
    slots = TimeSlotRepository(uow.session)
    slot = await slots.get(slot_id)
    if slot is None or slot.channel_id != channel_id or not principal.can_see_brand(slot.brand_id):
        raise TimeSlotNotFound(f"No time slot {slot_id} on this channel.")
    await slots.remove(slot_id)


async def brand_zone(uow: UnitOfWork, principal: Principal | None, brand_id: uuid.UUID) -> ZoneInfo:
    brand = await BrandReferenceRepository(uow.session).get(brand_id)
    if brand is None or (principal is not None and not principal.can_see_brand(brand_id)):
        raise BrandNotKnown(f"Publishing does not know brand {brand_id}.")
    return ZoneInfo(brand.timezone)


async def next_free_slot(uow: UnitOfWork, *, brand_id: uuid.UUID, channel_id: uuid.UUID, now: datetime) -> datetime:
    """`add to queue`: the first slot after now that no active publication of the channel holds."""
    zone = await brand_zone(uow, None, brand_id)
    slots = await TimeSlotRepository(uow.session).for_channel(channel_id)
    taken = await PublicationRepository(uow.session).occupied_instants(channel_id, after=now)
    found = first_free(upcoming_instants(slots, zone, after=now), set(taken), limit=LOOK_AHEAD)
    if found is None:
        raise NoFreeSlot("The channel's queue has no time slot; add one, or pick a time.")
    return found


async def share_next(
    uow: UnitOfWork, *, brand_id: uuid.UUID, channel_id: uuid.UUID, now: datetime
) -> tuple[datetime, list[tuple[Publication, datetime]]]:
    """`share next`: the first upcoming slot. Queued publications from there move down one free slot each, in
    order; publications at a custom time or shared now stay where they are. Returns the slot and the moves."""
    zone = await brand_zone(uow, None, brand_id)
    slots = await TimeSlotRepository(uow.session).for_channel(channel_id)
    occupied = await PublicationRepository(uow.session).occupied_instants(channel_id, after=now)
    fixed = {
        at for at, p in occupied.items() if p.timing is not Timing.QUEUE or p.state is not PublicationState.SCHEDULED
    }
    queued = sorted((p for p in occupied.values() if p.due_at not in fixed), key=lambda p: p.due_at)
    free = (at for at in upcoming_instants(slots, zone, after=now) if at not in fixed)
    first = next(free, None)
    if first is None:
        raise NoFreeSlot("The channel's queue has no time slot; add one, or pick a time.")
    moves, previous = [], first
    for publication in queued:
        if publication.due_at > previous:
            break  # a gap in the queue absorbs the shift
        previous = next(free)
        moves.append((publication, previous))
    return first, moves
