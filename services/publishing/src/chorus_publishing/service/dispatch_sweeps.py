"""The dispatcher's housekeeping: leases that ran out, and brands whose freeze was lifted.

Resume rule: a paused publication keeps its due time if it is still ahead; otherwise it goes out now, staggered
by `resume_stagger_s` per earlier publication of the same channel, so a thawed brand does not flood its accounts.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.dispatch_queue import DispatchQueue, Placement
from chorus_publishing.adapters.orm import outbox
from chorus_publishing.adapters.publications import PublicationRepository
from chorus_publishing.domain.publication import HoldReason, PublicationState
from chorus_shared.db.uow import UnitOfWork

SOURCE = "chorus.publishing"


async def expire_leases(sessions: async_sessionmaker[AsyncSession]) -> int:
    async with sessions() as session, session.begin():
        return await DispatchQueue(session).expire_leases()


async def resume_thawed_brands(sessions: async_sessionmaker[AsyncSession], *, stagger_s: float) -> int:
    async with sessions() as session, session.begin():
        frozen = await DispatchQueue(session).frozen_brands()
    by_tenant: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for tenant_id, brand_id in frozen:
        by_tenant[tenant_id].append(brand_id)
    resumed = 0
    for tenant_id, brands in by_tenant.items():
        async with UnitOfWork(sessions, outbox=outbox, source=SOURCE, tenant_id=tenant_id) as uow:
            resumed += await _resume(uow, brands, stagger=timedelta(seconds=stagger_s))
            await uow.commit()
    return resumed


async def _resume(uow: UnitOfWork, brands: list[uuid.UUID], *, stagger: timedelta) -> int:
    assert uow.tenant_id is not None
    session = uow.session
    still_frozen = {
        row.brand_id
        for row in await session.execute(
            text("SELECT brand_id FROM brand_freezes WHERE brand_id = ANY(:b) AND lifted_at IS NULL"), {"b": brands}
        )
    }
    thawed = [b for b in brands if b not in still_frozen]
    if not thawed:
        return 0
    rows = list(
        await session.execute(
            text(
                "SELECT p.id, p.brand_id, p.channel_id, p.due_at FROM publications p "
                "JOIN dispatch_queue q ON q.publication_id = p.id AND q.phase = 'frozen' "
                "WHERE p.brand_id = ANY(:b) AND p.state = 'paused' AND p.hold_reason = :why "
                "ORDER BY p.due_at, p.id FOR UPDATE OF p, q"
            ),
            {"b": thawed, "why": HoldReason.BRAND_FROZEN.value},
        )
    )
    now, per_channel = datetime.now(UTC), defaultdict[uuid.UUID, int](int)
    placements = []
    repo = PublicationRepository(session)
    for row in rows:
        due = row.due_at
        if due <= now:
            due = now + stagger * per_channel[row.channel_id]
            per_channel[row.channel_id] += 1
        await repo.change(row.id, now=now, state=PublicationState.SCHEDULED.value, hold_reason=None, due_at=due)
        placements.append(Placement(row.id, uow.tenant_id, row.brand_id, "due", due))
    await DispatchQueue(session).put(placements)
    await repo.record_history(
        [(p.publication_id, PublicationState.SCHEDULED.value, "brand resumed") for p in placements],
        tenant_id=uow.tenant_id,
        by="dispatcher",
        now=now,
    )
    return len(placements)
