"""Community-manager roadmap routes: a brand's tasks, their checklist steps and their review."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from chorus_planning.api.dependencies import RequestUnitOfWork
from chorus_planning.api.roadmap_schemas import StepCheck, TaskCreate, TaskPage, TaskRead, TaskStatusChange, TaskUpdate
from chorus_planning.domain.roadmap_task import TaskStatus
from chorus_planning.service import roadmap_tasks
from chorus_shared.auth import CurrentPrincipal

router = APIRouter(prefix="/brands/{brand_id}/tasks", tags=["roadmap"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_task(
    brand_id: uuid.UUID, body: TaskCreate, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> TaskRead:
    task = await roadmap_tasks.create_task(uow=uow, principal=principal, brand_id=brand_id, data=body.to_input())
    await uow.commit()
    return TaskRead.of(task)


@router.get("")
async def list_tasks(
    brand_id: uuid.UUID,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    assignee_id: uuid.UUID | None = None,
    status: TaskStatus | None = None,
    after: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> TaskPage:
    found = await roadmap_tasks.list_tasks(
        uow=uow,
        principal=principal,
        brand_id=brand_id,
        assignee_id=assignee_id,
        status=status,
        after=after,
        limit=limit + 1,
    )
    page = found[:limit]
    return TaskPage(items=[TaskRead.of(t) for t in page], next_after=page[-1].id if len(found) > limit else None)


@router.get("/{task_id}")
async def get_task(
    brand_id: uuid.UUID, task_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> TaskRead:
    return TaskRead.of(await roadmap_tasks.get_task(uow=uow, principal=principal, brand_id=brand_id, task_id=task_id))


@router.patch("/{task_id}")
async def update_task(
    brand_id: uuid.UUID, task_id: uuid.UUID, body: TaskUpdate, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> TaskRead:
    task = await roadmap_tasks.update_task(
        uow=uow, principal=principal, brand_id=brand_id, task_id=task_id, data=body.to_input()
    )
    await uow.commit()
    return TaskRead.of(task)


@router.post("/{task_id}/status")
async def move_task(
    brand_id: uuid.UUID,
    task_id: uuid.UUID,
    body: TaskStatusChange,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
) -> TaskRead:
    task = await roadmap_tasks.move_task(
        uow=uow, principal=principal, brand_id=brand_id, task_id=task_id, status=body.status, comment=body.comment
    )
    await uow.commit()
    return TaskRead.of(task)


@router.put("/{task_id}/steps/{position}")
async def check_step(
    brand_id: uuid.UUID,
    task_id: uuid.UUID,
    position: Annotated[int, Path(ge=0, description="0-based position of the step in the checklist.")],
    body: StepCheck,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
) -> TaskRead:
    task = await roadmap_tasks.check_step(
        uow=uow, principal=principal, brand_id=brand_id, task_id=task_id, position=position, done=body.done
    )
    await uow.commit()
    return TaskRead.of(task)
