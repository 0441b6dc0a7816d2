"""Rate limits shared by every dispatcher replica: one fixed-window counter row per scope, locked while counted.

Rows are locked in scope order, so two replicas counting the same scopes wait for each other instead of
deadlocking, and together they never grant more than the limit in one window.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_shared.db.driver import driver_connection


@dataclass(frozen=True)
class Limit:
    requests: int
    window_s: float


@dataclass(frozen=True)
class Ask:
    """One send asking for `cost` requests in every scope it names."""

    scopes: tuple[str, ...]
    cost: int = 1


# One statement creates the scopes never counted and locks every row, in scope order (the input's order); the no-op
# update is what makes ON CONFLICT lock and return a row that exists.
LOCK = """
    INSERT INTO rate_windows (scope, window_start, used)
    SELECT scope, now(), 0 FROM unnest(CAST($1 AS text[])) WITH ORDINALITY AS v(scope, position)
    ORDER BY position ON CONFLICT (scope) DO UPDATE SET scope = excluded.scope
    RETURNING scope, window_start, used
"""

# Writes a Tally; START (dispatch_records.py) writes it as one of its steps, with $1..$3 renumbered.
COUNT = """
    UPDATE rate_windows w SET window_start = v.start, used = v.used
    FROM unnest(CAST($1 AS text[]), CAST($2 AS timestamptz[]), CAST($3 AS int[])) AS v(scope, start, used)
    WHERE w.scope = v.scope
"""


@dataclass(frozen=True)
class Tally:
    """The windows' counts after a batch's asks, to be written before the transaction commits (their rows stay
    locked until then): by `RateWindows.write`, or by the statement that starts the granted sends."""

    scopes: list[str]
    starts: list[datetime]
    used: list[int]

    @property
    def empty(self) -> bool:
        return not self.scopes


def window_start(now: datetime, window_s: float) -> datetime:
    epoch = now.timestamp()
    return datetime.fromtimestamp(epoch - epoch % window_s, tz=UTC)


class RateWindows:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def take(
        self, asks: Sequence[Ask], limits: Mapping[str, Limit], *, now: datetime
    ) -> tuple[list[datetime | None], Tally]:
        """For each ask in order: None if granted, else when its fullest window resets; and the windows' new counts,
        which the caller writes in the same transaction (`write`, or along with the sends it starts)."""
        scopes = sorted({scope for ask in asks for scope in ask.scopes})
        if not scopes:
            return [None] * len(asks), Tally([], [], [])
        starts = {scope: window_start(now, limits[scope].window_s) for scope in scopes}
        driver = await driver_connection(self._session)  # counted at every batch of a burst: see `driver_connection`
        used = await self._lock(driver, scopes, starts)
        answers: list[datetime | None] = []
        for ask in asks:
            full = [s for s in ask.scopes if used[s] + ask.cost > limits[s].requests]
            if full:
                answers.append(max(starts[s] + timedelta(seconds=limits[s].window_s) for s in full))
                continue
            for scope in ask.scopes:
                used[scope] += ask.cost
            answers.append(None)
        return answers, Tally(scopes, [starts[s] for s in scopes], [used[s] for s in scopes])

    async def write(self, tally: Tally) -> None:
        if not tally.empty:
            await (await driver_connection(self._session)).execute(COUNT, tally.scopes, tally.starts, tally.used)

    async def _lock(
        self, driver: asyncpg.Connection, scopes: list[str], starts: Mapping[str, datetime]
    ) -> dict[str, int]:
        rows = await driver.fetch(LOCK, scopes)
        return {row["scope"]: row["used"] if row["window_start"] == starts[row["scope"]] else 0 for row in rows}
