"""KPI progress repository: the latest measurement per KPI, never replaced by an older one."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_planning.adapters.objectives_orm import KpiProgressRow, KpiTargetRow
from chorus_planning.domain.kpi_progress import KpiProgress


class KpiProgressRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def kpi_exists(self, *, kpi_id: uuid.UUID, objective_id: uuid.UUID) -> bool:
        statement = select(KpiTargetRow.id).where(KpiTargetRow.id == kpi_id, KpiTargetRow.objective_id == objective_id)
        return (await self._session.execute(statement)).first() is not None

    async def record(self, progress: KpiProgress, *, tenant_id: uuid.UUID, event_id: str) -> bool:
        """Keep `progress` unless a measurement computed later is already there; True when it was kept."""
        values = {
            "objective_id": progress.objective_id,
            "value": progress.value,
            "period_start": progress.period_start,
            "period_end": progress.period_end,
            "computed_at": progress.computed_at,
            "event_id": event_id,
        }
        statement = insert(KpiProgressRow).values(kpi_id=progress.kpi_id, tenant_id=tenant_id, **values)
        statement = statement.on_conflict_do_update(
            index_elements=["kpi_id"],
            set_=values,
            # Events of one KPI may arrive out of order (recomputations, replays): the newest computation wins.
            where=KpiProgressRow.computed_at < statement.excluded.computed_at,
        )
        result = await self._session.execute(statement.returning(KpiProgressRow.kpi_id))
        return result.first() is not None

    async def latest(self, kpi_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, KpiProgress]:
        if not kpi_ids:
            return {}
        rows = (await self._session.execute(select(KpiProgressRow).where(KpiProgressRow.kpi_id.in_(kpi_ids)))).scalars()
        return {
            row.kpi_id: KpiProgress(
                row.kpi_id, row.objective_id, row.value, row.period_start, row.period_end, row.computed_at
            )
            for row in rows
        }
