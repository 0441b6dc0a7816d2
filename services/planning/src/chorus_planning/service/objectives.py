"""Objective use cases: set objectives with KPI targets, change them, and read them with measured progress."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from chorus_planning.adapters.kpi_progress import KpiProgressRepository
from chorus_planning.adapters.objectives import ObjectiveRepository
from chorus_planning.domain.errors import ObjectiveNotFound
from chorus_planning.domain.kpi import KpiDraft
from chorus_planning.domain.kpi_progress import KpiProgress
from chorus_planning.domain.objective import Objective
from chorus_planning.service.planning_access import (
    brand_scope,
    require_internal_reader,
    require_plannable_brand,
    require_strategist,
)
from chorus_shared.auth import Principal
from chorus_shared.db.uow import UnitOfWork


@dataclass(frozen=True)
class ObjectiveView:
    """An objective with the latest progress reporting measured for each of its KPIs (absent until measured)."""

    objective: Objective
    progress: dict[uuid.UUID, KpiProgress]


async def create_objective(
    *,
    uow: UnitOfWork,
    principal: Principal,
    brand_id: uuid.UUID,
    kind: str,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    kpis: list[KpiDraft],
) -> ObjectiveView:
    require_strategist(principal)
    await require_plannable_brand(uow, principal, brand_id)
    objective = Objective.create(
        tenant_id=principal.tenant_id,
        brand_id=brand_id,
        kind=kind,
        title=title,
        period_start=period_start,
        period_end=period_end,
        kpis=kpis,
    )
    await ObjectiveRepository(uow.session).add(objective)
    _record(uow, objective)
    return ObjectiveView(objective, {})


async def get_objective(*, uow: UnitOfWork, principal: Principal, objective_id: uuid.UUID) -> ObjectiveView:
    require_internal_reader(principal)
    objective = await _load(uow, principal, objective_id)
    return await _view(uow, objective)


async def list_objectives(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID | None, after: uuid.UUID | None, limit: int
) -> list[ObjectiveView]:
    require_internal_reader(principal)
    found = await ObjectiveRepository(uow.session).page(
        brand_ids=brand_scope(principal, brand_id), after=after, limit=limit
    )
    progress = await KpiProgressRepository(uow.session).latest([k.id for o in found for k in o.kpis])
    return [ObjectiveView(o, {k.id: progress[k.id] for k in o.kpis if k.id in progress}) for o in found]


async def update_objective(
    *,
    uow: UnitOfWork,
    principal: Principal,
    objective_id: uuid.UUID,
    title: str | None = None,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
) -> ObjectiveView:
    objective = await _load_for_change(uow, principal, objective_id)
    objective.update(title=title, period_start=period_start, period_end=period_end)
    return await _save(uow, objective)


async def add_kpi(*, uow: UnitOfWork, principal: Principal, objective_id: uuid.UUID, draft: KpiDraft) -> ObjectiveView:
    objective = await _load_for_change(uow, principal, objective_id)
    objective.add_kpi(draft)
    return await _save(uow, objective)


async def change_kpi(
    *,
    uow: UnitOfWork,
    principal: Principal,
    objective_id: uuid.UUID,
    kpi_id: uuid.UUID,
    target: Decimal | str | int | None = None,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
) -> ObjectiveView:
    objective = await _load_for_change(uow, principal, objective_id)
    objective.change_kpi(kpi_id, target=target, period_start=period_start, period_end=period_end)
    return await _save(uow, objective)


async def remove_kpi(
    *, uow: UnitOfWork, principal: Principal, objective_id: uuid.UUID, kpi_id: uuid.UUID
) -> ObjectiveView:
    objective = await _load_for_change(uow, principal, objective_id)
    objective.remove_kpi(kpi_id)
    return await _save(uow, objective)


async def _load(
    uow: UnitOfWork, principal: Principal, objective_id: uuid.UUID, *, for_update: bool = False
) -> Objective:
    objective = await ObjectiveRepository(uow.session).get(objective_id, for_update=for_update)
    # Another brand's objective answers exactly like a missing one: no existence leak.
    if objective is None or not principal.can_see_brand(objective.brand_id):
        raise ObjectiveNotFound(f"No objective {objective_id}.")
    return objective


async def _load_for_change(uow: UnitOfWork, principal: Principal, objective_id: uuid.UUID) -> Objective:
    require_strategist(principal)
    objective = await _load(uow, principal, objective_id, for_update=True)
    await require_plannable_brand(uow, principal, objective.brand_id)
    return objective


async def _save(uow: UnitOfWork, objective: Objective) -> ObjectiveView:
    await ObjectiveRepository(uow.session).save(objective)
    _record(uow, objective)
    return await _view(uow, objective)


async def _view(uow: UnitOfWork, objective: Objective) -> ObjectiveView:
    progress = await KpiProgressRepository(uow.session).latest([kpi.id for kpi in objective.kpis])
    return ObjectiveView(objective, progress)


def _record(uow: UnitOfWork, objective: Objective) -> None:
    uow.emit_all((event, objective.id) for event in objective.events)
    objective.events.clear()
