"""Turning a brand's local wall-clock times into UTC instants and back, with a stated rule for DST changes.

Rule for planned content (`planned_instant`):
- a local time that does not exist (the hour skipped when clocks spring forward, e.g. 02:30 in Europe/Paris on the
  last Sunday of March) is refused: a post planned for a time nobody's clock shows is a planning mistake;
- a local time that happens twice (the hour repeated when clocks fall back) means its first occurrence, the one
  still on summer time, because that is the time the brand's audience reads first.

Rule for recurring routines (`routine_instant`): a routine must still happen on the change day, so a skipped time is
moved forward by the length of the gap (02:30 becomes 03:30), and a repeated time takes its first occurrence.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


class NonexistentLocalTime(ValueError):
    """The wall-clock time is skipped on that day in that timezone."""


def is_nonexistent(local: datetime, zone: ZoneInfo) -> bool:
    """True when `local` (naive) is skipped by a spring-forward change in `zone`."""
    aware = local.replace(tzinfo=zone)
    round_trip = aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    return round_trip != local


def planned_instant(local: datetime, zone: ZoneInfo) -> datetime:
    """The UTC instant of the naive local `local` in `zone`; NonexistentLocalTime inside a spring-forward gap."""
    if is_nonexistent(local, zone):
        raise NonexistentLocalTime(f"{local:%Y-%m-%d %H:%M} does not exist in {zone.key}: clocks skip that hour.")
    return local.replace(tzinfo=zone, fold=0).astimezone(UTC)


def routine_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of `at` on local `day`; a skipped time is moved forward by the gap (fold=0 does exactly that)."""
    return datetime.combine(day, at).replace(tzinfo=zone, fold=0).astimezone(UTC)


def local_day_bounds(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC half-open interval [start of `first`, start of the day after `last`) in `zone`.

    Midnight itself can be skipped in a few zones; routine_instant's forward shift gives the day's real start.
    """
    return routine_instant(first, time(0), zone), routine_instant(last + timedelta(days=1), time(0), zone)


def local_date_of(instant: datetime, zone: ZoneInfo) -> date:
    return instant.astimezone(zone).date()
