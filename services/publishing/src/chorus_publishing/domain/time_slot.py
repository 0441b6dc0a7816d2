"""Weekly time slots of a channel's queue, in the brand's timezone, and the DST rule that turns them into instants.

DST rule (stated once, tested): a slot whose wall time does not exist that day (spring forward, e.g. 02:30 in
Europe/Paris on 29 March 2026) is sent the length of the gap later (03:30), as iCalendar (RFC 5545) resolves it;
a wall time that happens twice (fall back) is sent once, at its first occurrence.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from chorus_shared.errors import FieldError, ValidationFailed

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class TimeSlot:
    id: uuid.UUID
    tenant_id: uuid.UUID
    brand_id: uuid.UUID
    channel_id: uuid.UUID
    weekday: int  # 0 = Monday
    local_time: time

    @classmethod
    def new(
        cls, *, tenant_id: uuid.UUID, brand_id: uuid.UUID, channel_id: uuid.UUID, weekday: int, local_time: time
    ) -> TimeSlot:
        errors = []
        if not 0 <= weekday <= 6:
            errors.append(FieldError("weekday", "A weekday from 0 (Monday) to 6 (Sunday).", "out_of_range"))
        if local_time.second or local_time.microsecond or local_time.tzinfo:
            errors.append(FieldError("time", "A wall-clock time in minutes (HH:MM), without timezone.", "invalid"))
        if errors:
            raise ValidationFailed("The time slot is not valid.", field_errors=errors)
        return cls(uuid.uuid4(), tenant_id, brand_id, channel_id, weekday, local_time)


def wall_time_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of wall time `at` on `day` in `zone`, by the DST rule above.

    `fold=0` gives the first occurrence of a repeated time, and for a skipped time the offset in force before the
    gap, which lands the gap's length later: exactly the rule.
    """
    return datetime.combine(day, at, tzinfo=zone).replace(fold=0).astimezone(UTC)


def upcoming_instants(slots: Sequence[TimeSlot], zone: ZoneInfo, *, after: datetime) -> Iterator[datetime]:
    """The slots' instants strictly after `after`, in order, each (day, slot) once; endless when slots exist."""
    if not slots:
        return
    day = after.astimezone(zone).date() - timedelta(days=1)  # a gap shift can move yesterday's slot past `after`
    while True:
        todays = sorted(
            {wall_time_instant(day, slot.local_time, zone) for slot in slots if slot.weekday == day.weekday()}
        )
        yield from (instant for instant in todays if instant > after)
        day += timedelta(days=1)


def first_free(instants: Iterable[datetime], taken: set[datetime], *, limit: int = 10_000) -> datetime | None:
    """The first instant nobody holds, looking at most `limit` instants ahead."""
    for count, instant in enumerate(instants):
        if count >= limit:
            return None
        if instant not in taken:
            return instant
    return None
