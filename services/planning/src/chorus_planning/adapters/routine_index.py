"""The generators' claim on due routines across tenants (ids and a time only), and keeping the index in step.

A claim takes due rows with SKIP LOCKED and moves them a lease ahead in one short transaction: another generator
neither waits on them nor sees them due until the lease runs out (a generator that died meanwhile).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_planning.adapters.routine_index_orm import RoutineIndexRow


@dataclass(frozen=True)
class DueRoutine:
    tenant_id: uuid.UUID
    routine_id: uuid.UUID


async def claim_due(session: AsyncSession, *, now: datetime, lease: timedelta, limit: int) -> list[DueRoutine]:
    """Claim up to `limit` routines due at `now`; the caller commits at once."""
    due = (
        select(RoutineIndexRow.routine_id, RoutineIndexRow.tenant_id)
        .where(RoutineIndexRow.next_generation_at <= now)
        .order_by(RoutineIndexRow.next_generation_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = list(await session.execute(due))
    if rows:
        await session.execute(
            update(RoutineIndexRow)
            .where(RoutineIndexRow.routine_id.in_([row.routine_id for row in rows]))
            .values(next_generation_at=now + lease)
        )
    return [DueRoutine(row.tenant_id, row.routine_id) for row in rows]


async def schedule(
    session: AsyncSession, *, tenant_id: uuid.UUID, routine_id: uuid.UUID, at: datetime | None = None
) -> None:
    """Make the routine due for generation at `at` (the database's now when None)."""
    upsert = insert(RoutineIndexRow).values(
        routine_id=routine_id, tenant_id=tenant_id, next_generation_at=func.now() if at is None else at
    )
    changes = {"next_generation_at": upsert.excluded.next_generation_at}
    await session.execute(upsert.on_conflict_do_update(index_elements=["routine_id"], set_=changes))


async def forget(session: AsyncSession, routine_id: uuid.UUID) -> None:
    """An ended (or vanished) routine generates nothing more."""
    await session.execute(delete(RoutineIndexRow).where(RoutineIndexRow.routine_id == routine_id))
