"""Publication repository for use cases: add, load (with attempts and history), move in time, hold, cancel."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_publishing.adapters.dispatch_orm import PublicationAttemptRow, PublicationHistoryRow, PublicationRow
from chorus_publishing.adapters.networks.connector import Shortfall
from chorus_publishing.domain.publication import (
    Attempt,
    HistoryEntry,
    Publication,
    PublicationContent,
    PublicationState,
    Timing,
)

ACTIVE = (
    PublicationState.SCHEDULED,
    PublicationState.CLAIMED,
    PublicationState.SENDING,
    PublicationState.PAUSED,
)

# A batch's history lines in one statement: an ORM bulk insert executes once per row, on every dispatch batch.
HISTORY = text(
    """
    INSERT INTO publication_history (id, tenant_id, publication_id, at, state, by, reason)
    SELECT v.id, CAST(:tenant AS uuid), v.publication_id, CAST(:at AS timestamptz), v.state, CAST(:by AS text), v.reason
    FROM unnest(CAST(:ids AS uuid[]), CAST(:publications AS uuid[]), CAST(:states AS text[]), CAST(:reasons AS text[]))
        AS v(id, publication_id, state, reason)
    """
)


class PublicationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, publication: Publication, *, now: datetime) -> None:
        self._session.add(
            PublicationRow(
                id=publication.id,
                tenant_id=publication.tenant_id,
                brand_id=publication.brand_id,
                post_id=publication.post_id,
                variant_id=publication.variant_id,
                channel_id=publication.channel_id,
                network=publication.network,
                content=publication.content.as_json(),
                timing=publication.timing.value,
                due_at=publication.due_at,
                first_due_at=publication.due_at,
                state=publication.state.value,
                attempts=0,
                failures=0,
                needs_decision=False,
                created_at=now,
                updated_at=now,
            )
        )
        await self._session.flush()

    async def get(self, publication_id: uuid.UUID, *, for_update: bool = False) -> Publication | None:
        statement = select(PublicationRow).where(PublicationRow.id == publication_id)
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return to_domain(row) if row else None

    async def for_post(self, post_id: uuid.UUID, *, for_update: bool = False) -> list[Publication]:
        statement = select(PublicationRow).where(PublicationRow.post_id == post_id).order_by(PublicationRow.due_at)
        if for_update:
            statement = statement.with_for_update()
        return [to_domain(row) for row in (await self._session.execute(statement)).scalars()]

    async def for_post_ids(self, post_ids: Sequence[uuid.UUID]) -> list[Publication]:
        statement = select(PublicationRow).where(PublicationRow.post_id.in_(list(post_ids)))
        return [to_domain(row) for row in (await self._session.execute(statement)).scalars()]

    async def with_records(self, publications: Sequence[Publication]) -> list[Publication]:
        """The same publications with their attempts and history loaded."""
        ids = [p.id for p in publications]
        attempts = (
            await self._session.execute(
                select(PublicationAttemptRow)
                .where(PublicationAttemptRow.publication_id.in_(ids))
                .order_by(PublicationAttemptRow.number)
            )
        ).scalars()
        history = (
            await self._session.execute(
                select(PublicationHistoryRow)
                .where(PublicationHistoryRow.publication_id.in_(ids))
                .order_by(PublicationHistoryRow.at, PublicationHistoryRow.id)
            )
        ).scalars()
        tried: dict[uuid.UUID, list[Attempt]] = {i: [] for i in ids}
        for a in attempts:
            tried[a.publication_id].append(
                Attempt(
                    a.number,
                    a.idempotency_key,
                    a.worker,
                    a.started_at,
                    a.finished_at,
                    a.outcome,
                    a.response_code,
                    a.error,
                    tuple(Shortfall.from_json(s) for s in a.shortfalls or ()),
                )
            )
        past: dict[uuid.UUID, list[HistoryEntry]] = {i: [] for i in ids}
        for h in history:
            past[h.publication_id].append(HistoryEntry(h.at, h.state, h.by, h.reason))
        return [_with(p, attempt_log=tuple(tried[p.id]), history=tuple(past[p.id])) for p in publications]

    async def occupied_instants(self, channel_id: uuid.UUID, *, after: datetime) -> dict[datetime, Publication]:
        statement = select(PublicationRow).where(
            PublicationRow.channel_id == channel_id,
            PublicationRow.due_at > after,
            PublicationRow.state.in_([s.value for s in ACTIVE]),
        )
        return {row.due_at: to_domain(row) for row in (await self._session.execute(statement)).scalars()}

    async def held_on_channel(self, channel_id: uuid.UUID, *, reason: str) -> list[Publication]:
        statement = (
            select(PublicationRow)
            .where(
                PublicationRow.channel_id == channel_id,
                PublicationRow.state == PublicationState.PAUSED.value,
                PublicationRow.hold_reason == reason,
            )
            .with_for_update()
        )
        return [to_domain(row) for row in (await self._session.execute(statement)).scalars()]

    async def change(self, publication_id: uuid.UUID, *, now: datetime, **values: Any) -> None:
        await self._session.execute(
            update(PublicationRow).where(PublicationRow.id == publication_id).values(updated_at=now, **values)
        )

    async def record_history(
        self, entries: Sequence[tuple[uuid.UUID, str, str | None]], *, tenant_id: uuid.UUID, by: str, now: datetime
    ) -> None:
        """(publication id, state, reason) rows of the history, all at `now` by `by`."""
        if not entries:
            return
        await self._session.execute(
            HISTORY,
            {
                "ids": [uuid.uuid4() for _ in entries],
                "tenant": tenant_id,
                "publications": [pid for pid, _, _ in entries],
                "at": now,
                "states": [state for _, state, _ in entries],
                "by": by,
                "reasons": [reason for _, _, reason in entries],
            },
        )


def to_domain(row: PublicationRow) -> Publication:
    return Publication(
        id=row.id,
        tenant_id=row.tenant_id,
        brand_id=row.brand_id,
        post_id=row.post_id,
        variant_id=row.variant_id,
        channel_id=row.channel_id,
        network=row.network,
        content=PublicationContent.from_json(row.content),
        timing=Timing(row.timing),
        due_at=row.due_at,
        state=PublicationState(row.state),
        hold_reason=row.hold_reason,
        needs_decision=row.needs_decision,
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        last_error=row.last_error,
        network_post_id=row.network_post_id,
        network_post_url=row.network_post_url,
        published_at=row.published_at,
    )


def _with(publication: Publication, **changes: Any) -> Publication:
    return replace(publication, **changes)
