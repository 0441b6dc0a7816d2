"""The dispatcher's writes to a tenant's publications, batched: a few statements per batch, not per post."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_publishing.adapters.networks.connector import PublishedPost, Shortfall
from chorus_publishing.adapters.rate_windows import RateWindows, Tally
from chorus_publishing.domain.publication import AttemptOutcome, PublicationContent
from chorus_shared.db.driver import driver_connection
from chorus_shared.messaging.contracts.planning_brand_voice import LatePostMode


@dataclass(frozen=True)
class Candidate:
    """A claimed publication as the dispatcher needs it to send."""

    id: uuid.UUID
    brand_id: uuid.UUID
    post_id: uuid.UUID
    variant_id: uuid.UUID
    channel_id: uuid.UUID
    network: str
    content: PublicationContent
    due_at: datetime
    state: str
    attempts: int
    failures: int
    idempotency_key: str | None
    has_post: bool  # False when scheduled without a post (benchmarks do): there is no post to report to


@dataclass(frozen=True)
class BrandStanding:
    """A brand as the dispatcher reads it when it starts the brand's posts, under the brand's freeze lock."""

    frozen: bool
    late_post_mode: LatePostMode | None  # None: planning has said nothing of the brand yet
    late_window_minutes: int | None
    policies_version: int


@dataclass(frozen=True)
class Published:
    """A send the network took: the attempt's key, the network's post, when it answered, the history line's note."""

    candidate: Candidate
    key: str
    post: PublishedPost
    answered_at: datetime
    note: str | None


@dataclass(frozen=True)
class Change:
    """A publication moving from one of `from_states` (and, if `key` is set, still that attempt's) to `state`."""

    id: uuid.UUID
    from_states: tuple[str, ...]
    state: str
    key: str | None = None
    hold_reason: str | None = None
    needs_decision: bool = False
    failures: int | None = None
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    network_post_id: str | None = None
    network_post_url: str | None = None
    published_at: datetime | None = None


@dataclass(frozen=True)
class AttemptResult:
    key: str
    outcome: AttemptOutcome
    response_code: int | None = None
    error: str | None = None
    shortfalls: Sequence[Shortfall] = ()  # a published attempt's steps that did not go out


APPLY = text(
    """
    UPDATE publications p SET
        state = v.state, hold_reason = v.hold_reason, needs_decision = v.needs_decision,
        failures = COALESCE(v.failures, p.failures), next_attempt_at = v.next_attempt_at,
        last_error = COALESCE(v.last_error, p.last_error),
        network_post_id = COALESCE(v.network_post_id, p.network_post_id),
        network_post_url = COALESCE(v.network_post_url, p.network_post_url),
        published_at = COALESCE(v.published_at, p.published_at),
        lease_owner = NULL, lease_until = NULL, updated_at = :now
    FROM unnest(CAST(:ids AS uuid[]), CAST(:froms AS text[]), CAST(:states AS text[]), CAST(:keys AS text[]),
                CAST(:holds AS text[]), CAST(:decisions AS boolean[]), CAST(:failures AS int[]),
                CAST(:nexts AS timestamptz[]), CAST(:errors AS text[]), CAST(:post_ids AS text[]),
                CAST(:urls AS text[]), CAST(:published AS timestamptz[]))
        AS v(id, froms, state, key, hold_reason, needs_decision, failures, next_attempt_at, last_error,
             network_post_id, network_post_url, published_at)
    WHERE p.id = v.id AND p.state = ANY(string_to_array(v.froms, '|'))
      AND (v.key IS NULL OR p.idempotency_key = v.key)
    RETURNING p.id
    """
)

# Everything a batch's start writes, in one statement: the publications go `sending` with their new attempt's key,
# each gets its attempt row and its history line, and the rate windows get the counts that granted them (COUNT in
# rate_windows.py, as a step here: a round trip less per batch). Their queue rows stay as claimed: the lease covers
# the send.
# Statements cost more than rows here: under a top-of-the-hour burst a tenant's share of a claim is a few dozen posts.
START = """
    WITH v AS (
        SELECT * FROM unnest(CAST($1 AS uuid[]), CAST($2 AS text[])) AS v(id, key)
    ), started AS (
        UPDATE publications p SET state = 'sending', attempts = p.attempts + 1, idempotency_key = v.key,
            lease_owner = CAST($4 AS text), lease_until = CAST($5 AS timestamptz), next_attempt_at = NULL,
            updated_at = CAST($6 AS timestamptz)
        FROM v WHERE p.id = v.id AND p.state = 'scheduled'
        RETURNING p.id, p.attempts, v.key
    ), counted AS (
        UPDATE rate_windows w SET window_start = r.start, used = r.used
        FROM unnest(CAST($8 AS text[]), CAST($9 AS timestamptz[]), CAST($10 AS int[])) AS r(scope, start, used)
        WHERE w.scope = r.scope
    ), attempts AS (
        INSERT INTO publication_attempts (id, tenant_id, publication_id, number, idempotency_key, worker,
            started_at, outcome)
        SELECT gen_random_uuid(), CAST($3 AS uuid), id, attempts, key, CAST($4 AS text),
            CAST($6 AS timestamptz), CAST($7 AS text)
        FROM started
    ), history AS (
        INSERT INTO publication_history (id, tenant_id, publication_id, at, state, by, reason)
        SELECT gen_random_uuid(), CAST($3 AS uuid), id, CAST($6 AS timestamptz), 'sending', CAST($4 AS text), key
        FROM started
    )
    SELECT id FROM started
"""

FINISH = text(
    """
    UPDATE publication_attempts a SET finished_at = :now, outcome = v.outcome, response_code = v.code, error = v.error,
        shortfalls = COALESCE(CAST(v.shortfalls AS jsonb), a.shortfalls)
    FROM unnest(CAST(:keys AS text[]), CAST(:outcomes AS text[]), CAST(:codes AS int[]), CAST(:errors AS text[]),
                CAST(:shortfalls AS text[]))
        AS v(key, outcome, code, error, shortfalls)
    WHERE a.idempotency_key = v.key
    """
)


# The common answer for a batch, in one statement: each attempt finishes as published, each publication still
# sending (or unconfirmed) under that attempt is published (at the time the network answered), leaves the queue and
# gets its history line. A late answer to an earlier attempt, after a person chose to try again, is kept with that
# attempt and leaves the publication to the attempt now under way.
PUBLISH = """
    WITH v AS (
        SELECT * FROM unnest(CAST($1 AS uuid[]), CAST($2 AS text[]), CAST($3 AS text[]), CAST($4 AS text[]),
                             CAST($5 AS text[]), CAST($6 AS text[]), CAST($7 AS timestamptz[]))
            AS v(id, key, network_post_id, url, shortfalls, note, answered_at)
    ), finished AS (
        UPDATE publication_attempts a SET finished_at = CAST($11 AS timestamptz), outcome = CAST($8 AS text),
            response_code = NULL, error = NULL, shortfalls = COALESCE(CAST(v.shortfalls AS jsonb), a.shortfalls)
        FROM v WHERE a.idempotency_key = v.key
    ), published AS (
        UPDATE publications p SET state = 'published', hold_reason = NULL, needs_decision = false,
            next_attempt_at = NULL, network_post_id = COALESCE(v.network_post_id, p.network_post_id),
            network_post_url = COALESCE(v.url, p.network_post_url), published_at = v.answered_at,
            lease_owner = NULL, lease_until = NULL, updated_at = CAST($11 AS timestamptz)
        FROM v WHERE p.id = v.id AND p.state IN ('sending', 'unconfirmed') AND p.idempotency_key = v.key
        RETURNING p.id, v.note
    ), dequeued AS (
        DELETE FROM dispatch_queue q USING published WHERE q.publication_id = published.id
    ), history AS (
        INSERT INTO publication_history (id, tenant_id, publication_id, at, state, by, reason)
        SELECT gen_random_uuid(), CAST($9 AS uuid), id, CAST($11 AS timestamptz), 'published', CAST($10 AS text),
            note
        FROM published
    )
    SELECT id FROM published
"""

# The statements above and below run at every batch of a burst: they go to the driver directly (`driver_connection`).

# Both the freeze and the late-post policy, in the statement that reads the freeze: one round trip per batch, not two.
BRAND_STANDINGS = """
    SELECT b.id AS brand_id,
        EXISTS (SELECT 1 FROM brand_freezes f WHERE f.brand_id = b.id AND f.lifted_at IS NULL) AS frozen,
        r.late_post_mode, r.late_window_minutes, r.policies_version
    FROM unnest(CAST($1 AS uuid[])) AS b(id) LEFT JOIN brand_rules r ON r.brand_id = b.id
"""

FREEZE_LOCKS = (
    "SELECT pg_advisory_xact_lock_shared(hashtextextended('brand-freeze:' || b::text, 0)) "
    "FROM unnest(CAST($1 AS uuid[])) AS b"
)

# Found by id; the phase is checked in Python (see `held_by`).
HELD_BY = """
    SELECT q.phase, p.id, p.brand_id, p.post_id, p.variant_id, p.channel_id, p.network, p.content, p.due_at, p.state,
        p.attempts, p.failures, p.idempotency_key, EXISTS (SELECT 1 FROM posts WHERE posts.id = p.post_id) AS has_post
    FROM dispatch_queue q JOIN publications p ON p.id = q.publication_id
    WHERE q.publication_id = ANY(CAST($1 AS uuid[])) AND q.lease_owner = CAST($2 AS text)
    ORDER BY p.id FOR UPDATE OF q, p
"""


class DispatchRecords:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def hold_brands(self, brand_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, BrandStanding]:
        """Takes each brand's freeze lock (shared), then reads where each brand stands now: frozen or not, and its
        late-post policy."""
        ids = sorted(set(brand_ids))
        driver = await driver_connection(self._session)
        await driver.execute(FREEZE_LOCKS, ids)
        # A statement of its own, after the locks: its snapshot then sees any freeze committed while they waited.
        rows = await driver.fetch(BRAND_STANDINGS, ids)
        return {
            row["brand_id"]: BrandStanding(
                row["frozen"],
                None if row["late_post_mode"] is None else LatePostMode(row["late_post_mode"]),
                row["late_window_minutes"],
                row["policies_version"] or 0,
            )
            for row in rows
        }

    async def held_by(self, ids: Sequence[uuid.UUID], *, owner: str, phase: str) -> list[Candidate]:
        """Those of `ids` whose queue row `owner` still holds in `phase`, whatever their state, both rows locked.

        A lease that ran out and was taken by another replica meanwhile is not ours any more: left out.
        """
        # The rows are found by id; the phase is checked here, not in SQL. Given `phase = 'claimed'`, the planner
        # would read every claimed row of every replica through the phase index (the rows in flight, hundreds
        # under a burst) rather than look up these few, a choice the queue's statistics make likely: claimed rows
        # are a sliver of a queue that holds everything scheduled.
        rows = await (await driver_connection(self._session)).fetch(HELD_BY, list(ids), owner)
        return [_candidate(r) for r in rows if r["phase"] == phase]

    async def start_attempts(
        self,
        starts: Sequence[tuple[Candidate, str]],
        *,
        tenant_id: uuid.UUID,
        owner: str,
        lease_until: datetime,
        now: datetime,
        tally: Tally,
    ) -> set[uuid.UUID]:
        """Marks each publication `sending` under its attempt's key, with its attempt row and history line, and
        writes the rate windows' counts that granted them; returns those started (a publication no longer scheduled
        is not)."""
        if not starts:
            await RateWindows(self._session).write(tally)
            return set()
        rows = await (await driver_connection(self._session)).fetch(
            START,
            [c.id for c, _ in starts],
            [key for _, key in starts],
            tenant_id,
            owner,
            lease_until,
            now,
            AttemptOutcome.IN_FLIGHT.value,
            tally.scopes,
            tally.starts,
            tally.used,
        )
        return {row["id"] for row in rows}

    async def publish(
        self, published: Sequence[Published], *, tenant_id: uuid.UUID, by: str, now: datetime
    ) -> set[uuid.UUID]:
        """Attempts finished as published, publications still sending (or unconfirmed) published and out of the
        queue; returns those published."""
        if not published:
            return set()
        rows = await (await driver_connection(self._session)).fetch(
            PUBLISH,
            [p.candidate.id for p in published],
            [p.key for p in published],
            [p.post.network_post_id for p in published],
            [p.post.url for p in published],
            [_as_json(p.post.shortfalls) for p in published],
            [p.note for p in published],
            [p.answered_at for p in published],
            AttemptOutcome.PUBLISHED.value,
            tenant_id,
            by,
            now,
        )
        return {row["id"] for row in rows}

    async def apply(self, changes: Sequence[Change], *, now: datetime) -> set[uuid.UUID]:
        if not changes:
            return set()
        rows = await self._session.execute(APPLY, {**_columns(changes), "now": now})
        return {row.id for row in rows}

    async def finish_attempts(self, results: Sequence[AttemptResult], *, now: datetime) -> None:
        if not results:
            return
        await self._session.execute(
            FINISH,
            {
                "keys": [r.key for r in results],
                "outcomes": [r.outcome.value for r in results],
                "codes": [r.response_code for r in results],
                "errors": [r.error for r in results],
                "shortfalls": [_as_json(r.shortfalls) for r in results],
                "now": now,
            },
        )

    async def open_attempt_keys(self, publication_id: uuid.UUID) -> list[str]:
        """Keys of attempts whose outcome nobody knows: what reconciliation looks for on the network."""
        rows = await self._session.execute(
            text(
                "SELECT idempotency_key FROM publication_attempts WHERE publication_id = :id "
                "AND outcome IN ('in_flight', 'unknown_outcome') ORDER BY number"
            ),
            {"id": publication_id},
        )
        return [row.idempotency_key for row in rows]


def _candidate(r: asyncpg.Record) -> Candidate:
    return Candidate(
        r["id"],
        r["brand_id"],
        r["post_id"],
        r["variant_id"],
        r["channel_id"],
        r["network"],
        PublicationContent.from_json(r["content"]),
        r["due_at"],
        r["state"],
        r["attempts"],
        r["failures"],
        r["idempotency_key"],
        r["has_post"],
    )


def _as_json(shortfalls: Sequence[Shortfall]) -> str | None:
    # None keeps the column's empty list: the common attempt sends no JSON at all.
    return json.dumps([s.as_json() for s in shortfalls]) if shortfalls else None


def _columns(changes: Sequence[Change]) -> dict[str, list[Any]]:
    return {
        "ids": [c.id for c in changes],
        "froms": ["|".join(c.from_states) for c in changes],
        "states": [c.state for c in changes],
        "keys": [c.key for c in changes],
        "holds": [c.hold_reason for c in changes],
        "decisions": [c.needs_decision for c in changes],
        "failures": [c.failures for c in changes],
        "nexts": [c.next_attempt_at for c in changes],
        "errors": [c.last_error for c in changes],
        "post_ids": [c.network_post_id for c in changes],
        "urls": [c.network_post_url for c in changes],
        "published": [c.published_at for c in changes],
    }
