"""Community-manager roadmap use cases: assign tasks, work them, tick their checklists, review them.

Social media managers and above write and review tasks. A community manager works only the tasks assigned to them
(user id = their subject) and never approves. Clients do not see the agency's internal roadmap.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, fields, replace
from datetime import datetime

from chorus_planning.adapters.content_items import ContentItemRepository
from chorus_planning.adapters.roadmap_tasks import RoadmapTaskRepository
from chorus_planning.domain.brand import Brand
from chorus_planning.domain.errors import RoadmapTaskNotFound
from chorus_planning.domain.roadmap_task import REVIEW_MOVES, RoadmapTask, Step, TaskPlan, TaskStatus
from chorus_planning.service.brand_access import active_brand, visible_brand
from chorus_shared.auth import Permission, Principal, Role, require_permission, require_role
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import FieldError, Forbidden, ValidationFailed


@dataclass
class TaskInput:
    """What the caller sent; `given` names the fields an update sends (None: all of them, a creation)."""

    title: str = ""
    assignee_id: uuid.UUID | None = None
    due_at: datetime | None = None
    description: str = ""
    campaign_id: uuid.UUID | None = None
    content_item_id: uuid.UUID | None = None
    steps: list[Step] = field(default_factory=list)
    given: frozenset[str] | None = None


async def create_task(*, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, data: TaskInput) -> RoadmapTask:
    require_permission(principal, Permission.MANAGE_STRATEGY)
    brand = await active_brand(uow, principal, brand_id)
    if data.assignee_id is None or data.due_at is None:
        raise ValidationFailed("The task is not valid.", field_errors=_missing(data))
    plan = TaskPlan(title=data.title, assignee_id=data.assignee_id, due_at=data.due_at)
    plan = await _checked_links(uow, brand, _merged(plan, replace(data, given=None)))
    task = RoadmapTask.create(tenant_id=principal.tenant_id, brand_id=brand.id, plan=plan)
    await RoadmapTaskRepository(uow.session).add(task)
    _record(uow, task)
    return task


async def update_task(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, task_id: uuid.UUID, data: TaskInput
) -> RoadmapTask:
    require_permission(principal, Permission.MANAGE_STRATEGY)
    brand = await active_brand(uow, principal, brand_id)
    task = await _load(uow, brand, task_id, for_update=True)
    if cleared := _missing(data, only=data.given or frozenset()):
        raise ValidationFailed("The task is not valid.", field_errors=cleared)
    task.replan(await _checked_links(uow, brand, _merged(task.plan, data)))
    return await _save(uow, task)


async def check_step(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, task_id: uuid.UUID, position: int, done: bool
) -> RoadmapTask:
    brand = await active_brand(uow, principal, brand_id)
    task = await _load(uow, brand, task_id, for_update=True)
    _ensure_may_work_on(principal, task)
    task.check_step(position, done=done)
    return await _save(uow, task)


async def move_task(
    *,
    uow: UnitOfWork,
    principal: Principal,
    brand_id: uuid.UUID,
    task_id: uuid.UUID,
    status: TaskStatus,
    comment: str | None,
) -> RoadmapTask:
    brand = await active_brand(uow, principal, brand_id)
    task = await _load(uow, brand, task_id, for_update=True)
    if status in REVIEW_MOVES:
        # Supervision: only the social media manager (and above) approves or sends work back.
        require_permission(principal, Permission.MANAGE_STRATEGY)
    else:
        _ensure_may_work_on(principal, task)
    task.move_to(status, by=principal.subject, comment=comment)
    return await _save(uow, task)


async def get_task(*, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, task_id: uuid.UUID) -> RoadmapTask:
    require_role(principal, Role.ANALYST)
    return await _load(uow, await visible_brand(uow, principal, brand_id), task_id)


async def list_tasks(
    *,
    uow: UnitOfWork,
    principal: Principal,
    brand_id: uuid.UUID,
    assignee_id: uuid.UUID | None,
    status: TaskStatus | None,
    after: uuid.UUID | None,
    limit: int,
) -> list[RoadmapTask]:
    require_role(principal, Role.ANALYST)
    brand = await visible_brand(uow, principal, brand_id)
    return await RoadmapTaskRepository(uow.session).list_for_brand(
        brand_id=brand.id, assignee_id=assignee_id, status=status, after=after, limit=limit
    )


def _ensure_may_work_on(principal: Principal, task: RoadmapTask) -> None:
    if principal.can(Permission.MANAGE_STRATEGY):
        return
    require_permission(principal, Permission.ENGAGE_COMMUNITY)
    if principal.subject != str(task.plan.assignee_id):
        raise Forbidden("Community managers work on the tasks assigned to them only.")


async def _checked_links(uow: UnitOfWork, brand: Brand, plan: TaskPlan) -> TaskPlan:
    if plan.content_item_id is not None:
        item = await ContentItemRepository(uow.session).get(plan.content_item_id)
        if item is None or item.brand_id != brand.id:
            raise ValidationFailed(
                "The task links to an unknown content item.",
                field_errors=[FieldError("content_item_id", "No such content item in this brand.", "not_found")],
            )
    return plan


def _merged(current: TaskPlan, data: TaskInput) -> TaskPlan:
    names = {f.name for f in fields(TaskPlan)}
    given = data.given if data.given is not None else frozenset(names)
    return replace(current, **{name: getattr(data, name) for name in given if name in names})


def _missing(data: TaskInput, only: frozenset[str] | None = None) -> list[FieldError]:
    wanted = {"assignee_id": data.assignee_id, "due_at": data.due_at}
    return [
        FieldError(name, "A task needs an assignee and a due date-time.", "required")
        for name, value in wanted.items()
        if value is None and (only is None or name in only)
    ]


async def _load(uow: UnitOfWork, brand: Brand, task_id: uuid.UUID, *, for_update: bool = False) -> RoadmapTask:
    task = await RoadmapTaskRepository(uow.session).get(task_id, for_update=for_update)
    if task is None or task.brand_id != brand.id:
        raise RoadmapTaskNotFound(f"No roadmap task {task_id} in brand {brand.id}.")
    return task


async def _save(uow: UnitOfWork, task: RoadmapTask) -> RoadmapTask:
    await RoadmapTaskRepository(uow.session).save(task)
    _record(uow, task)
    return task


def _record(uow: UnitOfWork, task: RoadmapTask) -> None:
    uow.emit_all((event, task.id) for event in task.events)
    task.events.clear()
