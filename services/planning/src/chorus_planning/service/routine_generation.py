"""The worker's routine generator: the next days' occurrences of every active routine, across tenants.

Due routines come from `routine_index` (no RLS), claimed with SKIP LOCKED and a lease so two generators never
take the same routine at once; each routine is then generated in a transaction scoped to its tenant, with the
routine row locked, and the index moved to its next round. Generation is idempotent per (routine, local date),
so a generator that dies after its claim only delays the routine until the lease runs out.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_planning.adapters import routine_index
from chorus_planning.adapters.brands import BrandRepository
from chorus_planning.adapters.orm import outbox
from chorus_planning.adapters.routines import RoutineRepository
from chorus_planning.service.routines import generate_routine_occurrences
from chorus_shared.db.uow import UnitOfWork

log = logging.getLogger(__name__)
SOURCE = "chorus.planning"


@dataclass(frozen=True)
class GeneratorConfig:
    horizon_days: int = 14
    interval: timedelta = timedelta(hours=1)
    lease: timedelta = timedelta(minutes=5)
    batch_size: int = 100


@dataclass(frozen=True)
class GenerationRound:
    routines: int  # claimed in this round
    tasks: int  # occurrences made


async def generate_due_routines(
    sessions: async_sessionmaker[AsyncSession], config: GeneratorConfig, *, now: datetime | None = None
) -> GenerationRound:
    """One round: claim a batch of due routines and generate each."""
    moment = now or datetime.now(UTC)
    async with sessions() as session, session.begin():
        due = await routine_index.claim_due(session, now=moment, lease=config.lease, limit=config.batch_size)
    made = 0
    for claimed in due:
        try:
            made += await _generate(sessions, config, claimed, moment)
        except Exception:  # this routine only: its lease runs out and it is due again
            log.exception("routine generation failed", extra={"routine_id": str(claimed.routine_id)})
    return GenerationRound(routines=len(due), tasks=made)


async def _generate(
    sessions: async_sessionmaker[AsyncSession],
    config: GeneratorConfig,
    claimed: routine_index.DueRoutine,
    now: datetime,
) -> int:
    async with UnitOfWork(sessions, outbox=outbox, source=SOURCE, tenant_id=claimed.tenant_id) as uow:
        made = await _generate_in_tenant(uow, config, claimed.routine_id, now)
        await uow.commit()
    return made


async def _generate_in_tenant(uow: UnitOfWork, config: GeneratorConfig, routine_id: uuid.UUID, now: datetime) -> int:
    routine = await RoutineRepository(uow.session).get(routine_id, for_update=True)
    brand = None if routine is None else await BrandRepository(uow.session).get(routine.brand_id)
    if routine is None or brand is None or not routine.active:
        await routine_index.forget(uow.session, routine_id)  # ended, or gone from its tenant
        return 0
    next_round = now + config.interval
    await routine_index.schedule(uow.session, tenant_id=routine.tenant_id, routine_id=routine.id, at=next_round)
    if brand.archived:
        return 0  # an archived brand's routines wait: unarchiving it resumes them at the next round
    tasks = await generate_routine_occurrences(
        uow=uow, brand=brand, routine=routine, first=now.astimezone(brand.zone).date(), days=config.horizon_days
    )
    return len(tasks)
