"""When to read a published post's metrics next: often while it is young, less and less as it ages.

The rule: the first reading is one hour after publication. After a reading at age A the next one comes
  - 1 hour later while A < 1 day,
  - 6 hours later while A < 7 days,
  - 1 day later while A < 30 days,
  - 1 week later while A < 90 days,
never later than day 90 (the last reading is taken at day 90 exactly), and none after it.
A failed reading is retried with exponential backoff, capped, and is given up once the post is past day 90.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

FIRST_READING = timedelta(hours=1)
HORIZON = timedelta(days=90)
# (age below which, interval): the first band the age falls into gives the interval.
BANDS: tuple[tuple[timedelta, timedelta], ...] = (
    (timedelta(days=1), timedelta(hours=1)),
    (timedelta(days=7), timedelta(hours=6)),
    (timedelta(days=30), timedelta(days=1)),
    (HORIZON, timedelta(weeks=1)),
)


def first_reading_at(published_at: datetime) -> datetime:
    return published_at + FIRST_READING


def interval_at(age: timedelta) -> timedelta | None:
    """The pause after a reading taken at `age`; None once the post is past its horizon."""
    for below, interval in BANDS:
        if age < below:
            return interval
    return None


def next_reading_at(published_at: datetime, read_at: datetime) -> datetime | None:
    """After a reading at `read_at`, when the next one is due; None when collection is over."""
    interval = interval_at(read_at - published_at)
    if interval is None:
        return None
    return min(read_at + interval, published_at + HORIZON)


def retry_at(
    published_at: datetime, now: datetime, failures: int, *, base: timedelta, cap: timedelta
) -> datetime | None:
    """After `failures` failed readings in a row: when to try again (jittered backoff), None past the horizon."""
    if now - published_at >= HORIZON:
        return None
    delay: timedelta = min(base * 2 ** max(failures - 1, 0), cap)
    jitter = random.uniform(0.8, 1.2)  # noqa: S311 - spreads retries, not a secret
    return now + delay * jitter
