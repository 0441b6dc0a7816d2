"""The collectors' claim on due metrics schedules across tenants (no RLS, no content), and keeping it in step.

A claim takes due rows with SKIP LOCKED and moves their due time a lease ahead, in one short transaction: another
collector neither waits on them nor sees them due until the lease runs out (a collector that died meanwhile).
The claim id then proves, when the reading is recorded, that no other collector took the row over.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_publishing.adapters.metrics_orm import MetricScheduleIndexRow
from chorus_publishing.domain.metrics_schedule import MetricsSchedule


@dataclass(frozen=True)
class Claim:
    tenant_id: uuid.UUID
    schedule_id: uuid.UUID
    claim_id: uuid.UUID


async def claim_due(session: AsyncSession, *, now: datetime, lease: timedelta, limit: int) -> list[Claim]:
    """Claim up to `limit` schedules due at `now`; the caller commits at once."""
    due = (
        select(MetricScheduleIndexRow.schedule_id, MetricScheduleIndexRow.tenant_id)
        .where(MetricScheduleIndexRow.due_at <= now)
        .order_by(MetricScheduleIndexRow.due_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = list(await session.execute(due))
    if not rows:
        return []
    claim_id = uuid.uuid4()
    await session.execute(
        update(MetricScheduleIndexRow)
        .where(MetricScheduleIndexRow.schedule_id.in_([row.schedule_id for row in rows]))
        .values(due_at=now + lease, claim_id=claim_id)
    )
    return [Claim(row.tenant_id, row.schedule_id, claim_id) for row in rows]


async def still_holds(session: AsyncSession, claim: Claim) -> bool:
    """Whether `claim` is still this collector's; locks the index row until the transaction ends."""
    statement = (
        select(MetricScheduleIndexRow.claim_id)
        .where(MetricScheduleIndexRow.schedule_id == claim.schedule_id)
        .with_for_update()
    )
    return (await session.execute(statement)).scalar_one_or_none() == claim.claim_id


async def index(session: AsyncSession, schedule: MetricsSchedule) -> None:
    """Make the index say when `schedule` is next due (no entry when it is paused or stopped); drops any claim."""
    if not schedule.is_due or schedule.next_fetch_at is None:
        await forget(session, schedule.id)
        return
    upsert = insert(MetricScheduleIndexRow).values(
        schedule_id=schedule.id, tenant_id=schedule.tenant_id, due_at=schedule.next_fetch_at, claim_id=None
    )
    changes = {"due_at": upsert.excluded.due_at, "claim_id": None}
    await session.execute(upsert.on_conflict_do_update(index_elements=["schedule_id"], set_=changes))


async def forget(session: AsyncSession, schedule_id: uuid.UUID) -> None:
    await session.execute(delete(MetricScheduleIndexRow).where(MetricScheduleIndexRow.schedule_id == schedule_id))
