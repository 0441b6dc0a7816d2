"""Queue slots across DST: a skipped wall time is sent the gap's length later, a repeated one once, at its first
occurrence; `add to queue` takes the next free slot and `share next` moves the queue down one slot."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.publications import PublicationRepository
from chorus_publishing.domain.publication import PublicationContent, Timing
from chorus_publishing.domain.time_slot import TimeSlot, upcoming_instants
from chorus_publishing.service import time_slots
from chorus_publishing.service.publications import schedule_publication
from chorus_publishing.testing.dispatch_kit import known_brand, uow_for
from chorus_shared.auth import Role
from chorus_shared.errors import ValidationFailed
from chorus_shared.testing.http import principal

PARIS, NEW_YORK = ZoneInfo("Europe/Paris"), ZoneInfo("America/New_York")
SUNDAY = 6


def _slot(weekday: int, at: time) -> TimeSlot:
    return TimeSlot.new(
        tenant_id=uuid.uuid4(), brand_id=uuid.uuid4(), channel_id=uuid.uuid4(), weekday=weekday, local_time=at
    )


def test_a_0230_slot_on_the_spring_forward_day_is_sent_at_0330() -> None:
    after = datetime(2026, 3, 28, 12, tzinfo=UTC)
    first, second = itertools.islice(upcoming_instants([_slot(SUNDAY, time(2, 30))], PARIS, after=after), 2)
    assert first == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert first.astimezone(PARIS).strftime("%H:%M %z") == "03:30 +0200"
    assert second.astimezone(PARIS).strftime("%Y-%m-%d %H:%M") == "2026-04-05 02:30"


def test_a_0130_slot_on_the_fall_back_day_is_sent_once_at_its_first_occurrence() -> None:
    after = datetime(2026, 10, 31, 12, tzinfo=UTC)
    first, second = itertools.islice(upcoming_instants([_slot(SUNDAY, time(1, 30))], NEW_YORK, after=after), 2)
    assert first == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT, the first of the two 01:30s
    assert second.astimezone(NEW_YORK).date().isoformat() == "2026-11-08"
    # Paris falls back at 03:00: its 02:30 happens twice on 25 October 2026 and is sent once, in summer time.
    paris = list(
        itertools.islice(
            upcoming_instants([_slot(SUNDAY, time(2, 30))], PARIS, after=datetime(2026, 10, 24, tzinfo=UTC)), 2
        )
    )
    assert paris[0] == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert paris[1].date().isoformat() == "2026-11-01"


def test_a_slot_needs_a_weekday_and_a_whole_minute() -> None:
    with pytest.raises(ValidationFailed) as refused:
        _slot(7, time(9, 0, 30))
    assert [e.field for e in refused.value.field_errors] == ["weekday", "time"]


async def test_add_to_queue_takes_the_next_free_slot_and_share_next_moves_the_queue_down(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant, channel = uuid.uuid4(), uuid.uuid4()
    brand = await known_brand(sessions, tenant)
    cm = principal(tenant, Role.COMMUNITY_MANAGER)
    async with uow_for(sessions, tenant) as uow:
        for weekday in range(7):
            await time_slots.add_slot(
                uow=uow, principal=cm, brand_id=brand, channel_id=channel, weekday=weekday, at=time(9, 0)
            )
        queued = [
            await schedule_publication(
                uow,
                brand_id=brand,
                post_id=uuid.uuid4(),
                variant_id=uuid.uuid4(),
                channel_id=channel,
                network="sandbox",
                content=PublicationContent(text=f"q{n}"),
                timing=timing,
                by="tests",
            )
            for n, timing in enumerate([Timing.QUEUE, Timing.QUEUE, Timing.NEXT])
        ]
        slots = list(
            itertools.islice(
                upcoming_instants(
                    await time_slots.list_slots(uow=uow, principal=cm, channel_id=channel),
                    PARIS,
                    after=datetime.now(UTC),
                ),
                3,
            )
        )
        now_due = {
            p.id: p.due_at for p in await PublicationRepository(uow.session).for_post_ids([q.post_id for q in queued])
        }
    assert [now_due[p.id] for p in queued] == [slots[1], slots[2], slots[0]]
    assert all(at.astimezone(PARIS).strftime("%H:%M") == "09:00" for at in slots)
