"""Objective mutations: create, change, and add, change or remove KPI targets. Failures are union members."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from chorus_gateway.graphql.info import GatewayInfo
from chorus_gateway.graphql.objectives_campaigns.inputs import (
    ChangeKpiTargetInput,
    CreateObjectiveInput,
    KpiTargetInput,
    UpdateObjectiveInput,
    given,
    plain,
)
from chorus_gateway.graphql.objectives_campaigns.objective_types import Objective
from chorus_gateway.graphql.objectives_campaigns.rest import PlanningObjective
from chorus_gateway.graphql.planning_calendar.paging import parse_id
from chorus_gateway.graphql.problems import ConflictProblem, NotAllowed, NotFoundProblem, ValidationErrors, problem_from
from chorus_shared.errors import ChorusError

ObjectiveResult = Annotated[
    Objective | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("ObjectiveResult"),
]


async def _send(info: GatewayInfo, method: str, path: str, body: Any = None) -> ObjectiveResult:
    try:
        response = await info.context.service("planning").request(method, path, json=body)
    except ChorusError as error:
        return problem_from(error)
    return Objective.of(PlanningObjective.model_validate_json(response.content))


def _objective(objective_id: strawberry.ID, field: str = "id") -> str:
    return f"/objectives/{parse_id(objective_id, field)}"


@strawberry.type
class ObjectiveMutation:
    @strawberry.mutation
    async def create_objective(self, info: GatewayInfo, input: CreateObjectiveInput) -> ObjectiveResult:
        try:
            body = given(vars(input)) | {"brand_id": str(parse_id(input.brand_id, "brandId"))}
        except ChorusError as error:
            return problem_from(error)
        return await _send(info, "POST", "/objectives", body)

    @strawberry.mutation
    async def update_objective(self, info: GatewayInfo, input: UpdateObjectiveInput) -> ObjectiveResult:
        try:
            path = _objective(input.id)
        except ChorusError as error:
            return problem_from(error)
        fields = {"title": input.title, "period_start": input.period_start, "period_end": input.period_end}
        return await _send(info, "PATCH", path, given(fields))

    @strawberry.mutation
    async def add_kpi_target(
        self, info: GatewayInfo, objective_id: strawberry.ID, input: KpiTargetInput
    ) -> ObjectiveResult:
        try:
            path = f"{_objective(objective_id, 'objectiveId')}/kpis"
        except ChorusError as error:
            return problem_from(error)
        return await _send(info, "POST", path, plain(input))

    @strawberry.mutation
    async def change_kpi_target(self, info: GatewayInfo, input: ChangeKpiTargetInput) -> ObjectiveResult:
        try:
            path = f"{_objective(input.objective_id, 'objectiveId')}/kpis/{parse_id(input.kpi_id, 'kpiId')}"
        except ChorusError as error:
            return problem_from(error)
        fields = {"target": input.target, "period_start": input.period_start, "period_end": input.period_end}
        return await _send(info, "PATCH", path, given(fields))

    @strawberry.mutation
    async def remove_kpi_target(
        self, info: GatewayInfo, objective_id: strawberry.ID, kpi_id: strawberry.ID
    ) -> ObjectiveResult:
        try:
            path = f"{_objective(objective_id, 'objectiveId')}/kpis/{parse_id(kpi_id, 'kpiId')}"
        except ChorusError as error:
            return problem_from(error)
        return await _send(info, "DELETE", path)
