"""Roadmap mutations: tasks, their checklist and review, routines and their occurrences. Failures are union members."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any

import strawberry

from chorus_gateway.graphql.info import GatewayInfo, documented_mutation
from chorus_gateway.graphql.planning_calendar.enums import RoutineFrequency, TaskStatus
from chorus_gateway.graphql.planning_calendar.paging import parse_id
from chorus_gateway.graphql.planning_calendar.rest import PlanningGeneratedTasks, PlanningRoutine, PlanningTask
from chorus_gateway.graphql.planning_calendar.types import RoadmapTask, Routine
from chorus_gateway.graphql.problems import ConflictProblem, NotAllowed, NotFoundProblem, ValidationErrors, problem_from
from chorus_shared.errors import ChorusError

RoadmapTaskResult = Annotated[
    RoadmapTask | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("RoadmapTaskResult"),
]
RoutineResult = Annotated[
    Routine | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem, strawberry.union("RoutineResult")
]


@strawberry.type
class GeneratedOccurrences:
    created: list[RoadmapTask]


GeneratedOccurrencesResult = Annotated[
    GeneratedOccurrences | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("GeneratedOccurrencesResult"),
]


@strawberry.input
class StepInput:
    title: str
    done: bool = False


@strawberry.input
class CreateRoadmapTaskInput:
    brand_id: strawberry.ID
    title: str
    assignee_id: strawberry.ID
    due_at: datetime
    description: str = ""
    campaign_id: strawberry.ID | None = None
    content_item_id: strawberry.ID | None = None
    steps: list[StepInput] = strawberry.field(default_factory=list)


@strawberry.input(description="Fields left out are unchanged; campaignId and contentItemId sent as null unlink.")
class UpdateRoadmapTaskInput:
    brand_id: strawberry.ID
    id: strawberry.ID
    title: str | None = strawberry.UNSET
    assignee_id: strawberry.ID | None = strawberry.UNSET
    due_at: datetime | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    campaign_id: strawberry.ID | None = strawberry.UNSET
    content_item_id: strawberry.ID | None = strawberry.UNSET
    steps: list[StepInput] | None = strawberry.UNSET


@strawberry.input
class CreateRoutineInput:
    brand_id: strawberry.ID
    title: str
    assignee_id: strawberry.ID
    frequency: RoutineFrequency
    local_time: time
    weekdays: list[int] = strawberry.field(default_factory=list, description="ISO weekdays, 1 = Monday.")
    description: str = ""
    steps: list[str] = strawberry.field(default_factory=list)
    starts_on: date | None = None


def _tasks(brand_id: strawberry.ID, task_id: strawberry.ID | None = None) -> str:
    path = f"/brands/{parse_id(brand_id, 'brandId')}/tasks"
    return path if task_id is None else f"{path}/{parse_id(task_id, 'id')}"


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, StepInput):
        return {"title": value.title, "done": value.done}
    if isinstance(value, RoutineFrequency):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _body(given: object) -> dict[str, Any]:
    skip = {"brand_id", "id"}
    return {k: _plain(v) for k, v in vars(given).items() if k not in skip and v is not strawberry.UNSET}


@strawberry.type
class PlanningRoadmapMutation:
    @strawberry.mutation
    async def create_roadmap_task(self, info: GatewayInfo, input: CreateRoadmapTaskInput) -> RoadmapTaskResult:
        try:
            created = await info.context.service("planning").post(
                _tasks(input.brand_id), PlanningTask, json=_body(input)
            )
        except ChorusError as error:
            return problem_from(error)
        return RoadmapTask.of(created)

    @strawberry.mutation
    async def update_roadmap_task(self, info: GatewayInfo, input: UpdateRoadmapTaskInput) -> RoadmapTaskResult:
        try:
            path = _tasks(input.brand_id, input.id)
            updated = await info.context.service("planning").patch(path, PlanningTask, json=_body(input))
        except ChorusError as error:
            return problem_from(error)
        return RoadmapTask.of(updated)

    @documented_mutation("Start, submit, approve or send back (with a comment) a task.")
    async def move_roadmap_task(
        self,
        info: GatewayInfo,
        brand_id: strawberry.ID,
        id: strawberry.ID,
        status: TaskStatus,
        comment: str | None = None,
    ) -> RoadmapTaskResult:
        try:
            body = {"status": status.value, "comment": comment}
            moved = await info.context.service("planning").post(
                f"{_tasks(brand_id, id)}/status", PlanningTask, json=body
            )
        except ChorusError as error:
            return problem_from(error)
        return RoadmapTask.of(moved)

    @documented_mutation("Tick or untick the step at `position` (0-based) of a task's checklist.")
    async def check_roadmap_step(
        self, info: GatewayInfo, brand_id: strawberry.ID, id: strawberry.ID, position: int, done: bool
    ) -> RoadmapTaskResult:
        try:
            response = await info.context.service("planning").request(
                "PUT", f"{_tasks(brand_id, id)}/steps/{position}", json={"done": done}
            )
        except ChorusError as error:
            return problem_from(error)
        return RoadmapTask.of(PlanningTask.model_validate_json(response.content))

    @strawberry.mutation
    async def create_routine(self, info: GatewayInfo, input: CreateRoutineInput) -> RoutineResult:
        try:
            path = f"/brands/{parse_id(input.brand_id, 'brandId')}/routines"
            created = await info.context.service("planning").post(path, PlanningRoutine, json=_body(input))
        except ChorusError as error:
            return problem_from(error)
        return Routine.of(created)

    @strawberry.mutation
    async def end_routine(self, info: GatewayInfo, brand_id: strawberry.ID, id: strawberry.ID) -> RoutineResult:
        try:
            path = f"/brands/{parse_id(brand_id, 'brandId')}/routines/{parse_id(id, 'id')}/end"
            ended = await info.context.service("planning").post(path, PlanningRoutine)
        except ChorusError as error:
            return problem_from(error)
        return Routine.of(ended)

    @documented_mutation("Make the tasks of the brand's routines for the next `days` days; never twice.")
    async def generate_routine_occurrences(
        self, info: GatewayInfo, brand_id: strawberry.ID, days: int = 14, first: date | None = None
    ) -> GeneratedOccurrencesResult:
        try:
            path = f"/brands/{parse_id(brand_id, 'brandId')}/routines/occurrences"
            body = {"days": days, "first": first.isoformat() if first else None}
            made = await info.context.service("planning").post(path, PlanningGeneratedTasks, json=body)
        except ChorusError as error:
            return problem_from(error)
        return GeneratedOccurrences(created=[RoadmapTask.of(t) for t in made.created])
