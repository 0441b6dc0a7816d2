"""Objective repository: loads and saves objectives with their KPI targets. RLS limits rows to the tenant."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_planning.adapters.objectives_orm import KpiTargetRow, ObjectiveRow
from chorus_planning.domain.kpi import KpiTarget
from chorus_planning.domain.objective import Objective


class ObjectiveRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, objective_id: uuid.UUID, *, for_update: bool = False) -> Objective | None:
        statement = select(ObjectiveRow).where(ObjectiveRow.id == objective_id)
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        if row is None:
            return None
        return _to_domain(row, (await self._kpis([row.id])).get(row.id, []))

    async def page(
        self, *, brand_ids: Sequence[uuid.UUID] | None, after: uuid.UUID | None, limit: int
    ) -> list[Objective]:
        statement = select(ObjectiveRow).order_by(ObjectiveRow.id).limit(limit)
        if brand_ids is not None:
            statement = statement.where(ObjectiveRow.brand_id.in_(brand_ids))
        if after is not None:
            statement = statement.where(ObjectiveRow.id > after)
        rows = (await self._session.execute(statement)).scalars().all()
        kpis = await self._kpis([row.id for row in rows])
        return [_to_domain(row, kpis.get(row.id, [])) for row in rows]

    async def ids_of_brand(self, brand_id: uuid.UUID, candidates: Sequence[uuid.UUID]) -> set[uuid.UUID]:
        """Which of `candidates` are objectives of `brand_id`."""
        statement = select(ObjectiveRow.id).where(ObjectiveRow.brand_id == brand_id, ObjectiveRow.id.in_(candidates))
        return set((await self._session.execute(statement)).scalars().all())

    async def add(self, objective: Objective) -> None:
        self._session.add(
            ObjectiveRow(
                id=objective.id,
                tenant_id=objective.tenant_id,
                brand_id=objective.brand_id,
                kind=objective.kind,
                title=objective.title,
                period_start=objective.period_start,
                period_end=objective.period_end,
                version=objective.version,
            )
        )
        await self._session.flush()
        await self._save_kpis(objective)

    async def save(self, objective: Objective) -> None:
        row = await self._session.get(ObjectiveRow, objective.id)
        if row is None:
            raise LookupError(objective.id)
        row.title, row.period_start, row.period_end = objective.title, objective.period_start, objective.period_end
        row.version = objective.version
        await self._save_kpis(objective)

    async def _save_kpis(self, objective: Objective) -> None:
        # Upsert rather than replace: a KPI's row must survive so that its recorded progress does too.
        kept = [kpi.id for kpi in objective.kpis]
        await self._session.execute(
            delete(KpiTargetRow).where(KpiTargetRow.objective_id == objective.id, KpiTargetRow.id.not_in(kept))
        )
        for position, kpi in enumerate(objective.kpis):
            values = {
                "metric": kpi.metric,
                "formula": kpi.formula,
                "target": kpi.target,
                "direction": kpi.direction,
                "period_start": kpi.period_start,
                "period_end": kpi.period_end,
                "position": position,
            }
            statement = insert(KpiTargetRow).values(
                id=kpi.id, tenant_id=objective.tenant_id, objective_id=objective.id, **values
            )
            await self._session.execute(statement.on_conflict_do_update(index_elements=["id"], set_=values))

    async def _kpis(self, objective_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[KpiTarget]]:
        if not objective_ids:
            return {}
        statement = (
            select(KpiTargetRow)
            .where(KpiTargetRow.objective_id.in_(objective_ids))
            .order_by(KpiTargetRow.objective_id, KpiTargetRow.position)
        )
        found: dict[uuid.UUID, list[KpiTarget]] = {}
        for row in (await self._session.execute(statement)).scalars():
            found.setdefault(row.objective_id, []).append(
                KpiTarget(row.id, row.metric, row.formula, row.target, row.direction, row.period_start, row.period_end)
            )
        return found


def _to_domain(row: ObjectiveRow, kpis: list[KpiTarget]) -> Objective:
    return Objective(
        id=row.id,
        tenant_id=row.tenant_id,
        brand_id=row.brand_id,
        kind=row.kind,
        title=row.title,
        period_start=row.period_start,
        period_end=row.period_end,
        kpis=kpis,
        version=row.version,
    )
