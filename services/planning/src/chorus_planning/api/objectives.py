"""Objective and KPI target routes."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from chorus_planning.api.dependencies import RequestUnitOfWork
from chorus_planning.api.objective_schemas import (
    KpiTargetCreate,
    KpiTargetUpdate,
    ObjectiveCreate,
    ObjectivePage,
    ObjectiveRead,
    ObjectiveUpdate,
)
from chorus_planning.service import objectives
from chorus_shared.auth import CurrentPrincipal

router = APIRouter(prefix="/objectives", tags=["objectives"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_objective(body: ObjectiveCreate, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> ObjectiveRead:
    view = await objectives.create_objective(
        uow=uow,
        principal=principal,
        brand_id=body.brand_id,
        kind=body.kind,
        title=body.title,
        period_start=body.period_start,
        period_end=body.period_end,
        kpis=[kpi.draft() for kpi in body.kpis],
    )
    await uow.commit()
    return ObjectiveRead.of(view)


@router.get("")
async def list_objectives(
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    brand_id: uuid.UUID | None = None,
    after: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> ObjectivePage:
    found = await objectives.list_objectives(
        uow=uow, principal=principal, brand_id=brand_id, after=after, limit=limit + 1
    )
    page = found[:limit]
    return ObjectivePage(
        items=[ObjectiveRead.of(v) for v in page], next_after=page[-1].objective.id if len(found) > limit else None
    )


@router.get("/{objective_id}")
async def get_objective(objective_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> ObjectiveRead:
    return ObjectiveRead.of(await objectives.get_objective(uow=uow, principal=principal, objective_id=objective_id))


@router.patch("/{objective_id}")
async def update_objective(
    objective_id: uuid.UUID, body: ObjectiveUpdate, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> ObjectiveRead:
    view = await objectives.update_objective(
        uow=uow,
        principal=principal,
        objective_id=objective_id,
        title=body.title,
        period_start=body.period_start,
        period_end=body.period_end,
    )
    await uow.commit()
    return ObjectiveRead.of(view)


@router.post("/{objective_id}/kpis", status_code=status.HTTP_201_CREATED)
async def add_kpi(
    objective_id: uuid.UUID, body: KpiTargetCreate, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> ObjectiveRead:
    view = await objectives.add_kpi(uow=uow, principal=principal, objective_id=objective_id, draft=body.draft())
    await uow.commit()
    return ObjectiveRead.of(view)


@router.patch("/{objective_id}/kpis/{kpi_id}")
async def change_kpi(
    objective_id: uuid.UUID,
    kpi_id: uuid.UUID,
    body: KpiTargetUpdate,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
) -> ObjectiveRead:
    view = await objectives.change_kpi(
        uow=uow,
        principal=principal,
        objective_id=objective_id,
        kpi_id=kpi_id,
        target=body.target,
        period_start=body.period_start,
        period_end=body.period_end,
    )
    await uow.commit()
    return ObjectiveRead.of(view)


@router.delete("/{objective_id}/kpis/{kpi_id}")
async def remove_kpi(
    objective_id: uuid.UUID, kpi_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> ObjectiveRead:
    view = await objectives.remove_kpi(uow=uow, principal=principal, objective_id=objective_id, kpi_id=kpi_id)
    await uow.commit()
    return ObjectiveRead.of(view)
