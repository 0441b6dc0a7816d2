"""Recurring routines and the task occurrences they generate for the next days, idempotently.

`generate_occurrences` is what the endpoint calls: for each active routine of the brand, the occurrences in the next
`days` local days that have no task yet become tasks; running it again makes nothing new. The worker's generator
(service/routine_generation.py) does the same per routine with `generate_routine_occurrences`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from chorus_planning.adapters.roadmap_tasks import RoadmapTaskRepository
from chorus_planning.adapters.routines import RoutineRepository
from chorus_planning.domain.brand import Brand
from chorus_planning.domain.errors import RoutineNotFound
from chorus_planning.domain.roadmap_task import RoadmapTask
from chorus_planning.domain.routine import HORIZON_MAX_DAYS, Frequency, Routine
from chorus_planning.service.brand_access import active_brand, visible_brand
from chorus_shared.auth import Permission, Principal, Role, require_permission, require_role
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import FieldError, ValidationFailed


@dataclass(frozen=True)
class RoutineInput:
    title: str
    assignee_id: uuid.UUID
    frequency: Frequency
    local_time: time
    weekdays: list[int]
    description: str = ""
    steps: tuple[str, ...] = ()
    starts_on: date | None = None


async def create_routine(*, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, data: RoutineInput) -> Routine:
    require_permission(principal, Permission.MANAGE_STRATEGY)
    brand = await active_brand(uow, principal, brand_id)
    routine = Routine.create(
        tenant_id=principal.tenant_id,
        brand_id=brand.id,
        title=data.title,
        description=data.description,
        assignee_id=data.assignee_id,
        frequency=data.frequency,
        weekdays=data.weekdays,
        local_time=data.local_time,
        steps=list(data.steps),
        starts_on=data.starts_on or _today(brand),
        timezone=brand.timezone,
    )
    await RoutineRepository(uow.session).add(routine)
    _record(uow, routine)
    return routine


async def end_routine(*, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, routine_id: uuid.UUID) -> Routine:
    require_permission(principal, Permission.MANAGE_STRATEGY)
    brand = await active_brand(uow, principal, brand_id)
    routine = await RoutineRepository(uow.session).get(routine_id, for_update=True)
    if routine is None or routine.brand_id != brand.id:
        raise RoutineNotFound(f"No routine {routine_id} in brand {brand.id}.")
    routine.end()
    await RoutineRepository(uow.session).save(routine)
    _record(uow, routine)
    return routine


async def list_routines(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, after: uuid.UUID | None, limit: int
) -> list[Routine]:
    require_role(principal, Role.ANALYST)
    brand = await visible_brand(uow, principal, brand_id)
    return await RoutineRepository(uow.session).list_for_brand(brand_id=brand.id, after=after, limit=limit)


async def generate_occurrences(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, first: date | None, days: int
) -> list[RoadmapTask]:
    require_permission(principal, Permission.MANAGE_STRATEGY)
    brand = await active_brand(uow, principal, brand_id)
    return await generate_brand_occurrences(uow=uow, brand=brand, first=first or _today(brand), days=days)


async def generate_brand_occurrences(*, uow: UnitOfWork, brand: Brand, first: date, days: int) -> list[RoadmapTask]:
    """The tasks made for the local days first .. first + days - 1; a periodic job calls this per brand."""
    if not 1 <= days <= HORIZON_MAX_DAYS:
        raise ValidationFailed(
            "Too long a horizon.",
            field_errors=[FieldError("days", f"Generate 1 to {HORIZON_MAX_DAYS} days ahead.", "out_of_range")],
        )
    made: list[RoadmapTask] = []
    # Locking the routines serialises concurrent generators: the second one sees the first one's tasks.
    for routine in await RoutineRepository(uow.session).active_of_brand(brand.id, for_update=True):
        made += await generate_routine_occurrences(uow=uow, brand=brand, routine=routine, first=first, days=days)
    return made


async def generate_routine_occurrences(
    *, uow: UnitOfWork, brand: Brand, routine: Routine, first: date, days: int
) -> list[RoadmapTask]:
    """The tasks made for one routine, locked by the caller, on the local days first .. first + days - 1."""
    tasks = RoadmapTaskRepository(uow.session)
    existing = await tasks.occurrence_dates(routine.id, first=first, last=first + timedelta(days=days - 1))
    made: list[RoadmapTask] = []
    for occurrence in routine.occurrences(first=first, days=days, zone=brand.zone):
        if occurrence.local_date in existing:
            continue
        task = RoadmapTask.create(
            tenant_id=brand.tenant_id,
            brand_id=brand.id,
            plan=routine.task_plan(occurrence),
            routine_id=routine.id,
            occurrence_date=occurrence.local_date,
        )
        await tasks.add(task)
        uow.emit_all((event, task.id) for event in task.events)
        task.events.clear()
        made.append(task)
    return made


def _today(brand: Brand) -> date:
    return datetime.now(brand.zone).date()


def _record(uow: UnitOfWork, routine: Routine) -> None:
    uow.emit_all((event, routine.id) for event in routine.events)
    routine.events.clear()
