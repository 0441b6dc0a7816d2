"""The metrics cadence: hourly on the first day, every 6 hours to day 7, daily to day 30, weekly to day 90, then
none; a failed reading backs off, capped, and is given up past day 90."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chorus_publishing.domain.metrics_cadence import first_reading_at, next_reading_at, retry_at

PUBLISHED = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # the night Europe springs forward: UTC knows no DST
H, D = timedelta(hours=1), timedelta(days=1)


def test_the_first_reading_is_an_hour_after_publication() -> None:
    assert first_reading_at(PUBLISHED) == PUBLISHED + H


@pytest.mark.parametrize(
    ("age", "pause"),
    [
        (H, H),
        (23 * H + timedelta(minutes=59), H),
        (D, 6 * H),
        (6 * D + 23 * H, 6 * H),
        (7 * D, D),
        (29 * D, D),
        (30 * D, 7 * D),
        (75 * D, 7 * D),
    ],
)
def test_readings_slow_down_as_the_post_ages(age: timedelta, pause: timedelta) -> None:
    assert next_reading_at(PUBLISHED, PUBLISHED + age) == PUBLISHED + age + pause


def test_the_last_reading_is_at_day_90_and_there_is_none_after() -> None:
    assert next_reading_at(PUBLISHED, PUBLISHED + 85 * D) == PUBLISHED + 90 * D
    assert next_reading_at(PUBLISHED, PUBLISHED + 90 * D) is None
    assert next_reading_at(PUBLISHED, PUBLISHED + 200 * D) is None


def test_a_whole_life_of_readings_on_time_counts_them_once_each() -> None:
    readings: list[datetime] = []
    at: datetime | None = first_reading_at(PUBLISHED)
    while at is not None:
        readings.append(at)
        at = next_reading_at(PUBLISHED, at)
    ages = [reading - PUBLISHED for reading in readings]
    assert ages[:3] == [H, 2 * H, 3 * H]
    assert sum(age < D for age in ages) == 23  # hours 1 to 23
    assert ages[-1] == 90 * D
    assert len(set(ages)) == len(ages)
    assert len(readings) == 23 + 24 + 23 + 9 + 1  # hourly, 6-hourly, daily, weekly, the last one at day 90


def test_a_failed_reading_backs_off_exponentially_up_to_the_cap_with_jitter() -> None:
    now, base, cap = PUBLISHED + 2 * D, timedelta(minutes=5), timedelta(hours=6)
    for failures, expected in [(1, base), (2, 2 * base), (3, 4 * base), (12, cap)]:
        for _ in range(20):
            at = retry_at(PUBLISHED, now, failures, base=base, cap=cap)
            assert at is not None
            assert expected * 0.8 <= at - now <= expected * 1.2


def test_a_failing_post_past_its_horizon_is_given_up() -> None:
    base, cap = timedelta(minutes=5), timedelta(hours=6)
    assert retry_at(PUBLISHED, PUBLISHED + 90 * D, 1, base=base, cap=cap) is None
