"""Routine routes: a brand's recurring community-manager routines and the generation of their next occurrences."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from chorus_planning.api.dependencies import RequestUnitOfWork
from chorus_planning.api.roadmap_schemas import (
    GeneratedTasks,
    OccurrenceRequest,
    RoutineCreate,
    RoutinePage,
    RoutineRead,
    TaskRead,
)
from chorus_planning.service import routines
from chorus_shared.auth import CurrentPrincipal

router = APIRouter(prefix="/brands/{brand_id}/routines", tags=["roadmap"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_routine(
    brand_id: uuid.UUID, body: RoutineCreate, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> RoutineRead:
    routine = await routines.create_routine(uow=uow, principal=principal, brand_id=brand_id, data=body.to_input())
    await uow.commit()
    return RoutineRead.of(routine)


@router.get("")
async def list_routines(
    brand_id: uuid.UUID,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    after: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> RoutinePage:
    found = await routines.list_routines(uow=uow, principal=principal, brand_id=brand_id, after=after, limit=limit + 1)
    page = found[:limit]
    return RoutinePage(items=[RoutineRead.of(r) for r in page], next_after=page[-1].id if len(found) > limit else None)


@router.post("/{routine_id}/end")
async def end_routine(
    brand_id: uuid.UUID, routine_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> RoutineRead:
    routine = await routines.end_routine(uow=uow, principal=principal, brand_id=brand_id, routine_id=routine_id)
    await uow.commit()
    return RoutineRead.of(routine)


@router.post("/occurrences")
async def generate_occurrences(
    brand_id: uuid.UUID, body: OccurrenceRequest, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> GeneratedTasks:
    """Make the tasks of every active routine for the next `days` local days; the ones already made are kept."""
    made = await routines.generate_occurrences(
        uow=uow, principal=principal, brand_id=brand_id, first=body.first, days=body.days
    )
    await uow.commit()
    return GeneratedTasks(created=[TaskRead.of(t) for t in made])
