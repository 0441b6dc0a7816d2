"""Local wall-clock times of a brand across DST changes (Europe/Paris: last Sundays of March and October 2026)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from chorus_planning.domain.local_time import (
    NonexistentLocalTime,
    local_day_bounds,
    planned_instant,
    routine_instant,
)
from chorus_planning.service.calendar import CalendarView, days_of

PARIS = ZoneInfo("Europe/Paris")


def test_a_time_skipped_by_spring_forward_is_refused_for_planned_content() -> None:
    with pytest.raises(NonexistentLocalTime, match="2026-03-29 02:30 does not exist in Europe/Paris"):
        planned_instant(datetime(2026, 3, 29, 2, 30), PARIS)


def test_times_around_spring_forward_keep_their_offsets() -> None:
    assert planned_instant(datetime(2026, 3, 29, 1, 59), PARIS) == datetime(2026, 3, 29, 0, 59, tzinfo=UTC)
    assert planned_instant(datetime(2026, 3, 29, 3, 0), PARIS) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)


def test_a_time_repeated_by_fall_back_means_its_first_summer_time_occurrence() -> None:
    assert planned_instant(datetime(2026, 10, 25, 2, 30), PARIS) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_a_routine_at_a_skipped_time_moves_forward_by_the_gap() -> None:
    assert routine_instant(date(2026, 3, 29), time(2, 30), PARIS) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert routine_instant(date(2026, 3, 29), time(2, 30), PARIS).astimezone(PARIS).hour == 3


def test_local_days_last_23_and_25_hours_on_change_days() -> None:
    spring = local_day_bounds(date(2026, 3, 29), date(2026, 3, 29), PARIS)
    autumn = local_day_bounds(date(2026, 10, 25), date(2026, 10, 25), PARIS)
    assert (spring[1] - spring[0]).total_seconds() == 23 * 3600
    assert (autumn[1] - autumn[0]).total_seconds() == 25 * 3600


def test_a_week_is_monday_to_sunday_and_a_month_has_all_its_days() -> None:
    week = days_of(CalendarView.WEEK, date(2026, 3, 26))
    assert (week[0], week[-1], len(week)) == (date(2026, 3, 23), date(2026, 3, 29), 7)
    assert len(days_of(CalendarView.MONTH, date(2026, 2, 10))) == 28
