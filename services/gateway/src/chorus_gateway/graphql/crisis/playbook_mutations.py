"""Crisis playbook mutations: write, revise, archive. Failures come back as union members."""

from __future__ import annotations

from typing import Annotated

import strawberry

from chorus_gateway.graphql.crisis.playbook_inputs import (
    CreateCrisisPlaybookInput,
    ReviseCrisisPlaybookInput,
    playbook_body,
)
from chorus_gateway.graphql.crisis.rest import PlanningPlaybook
from chorus_gateway.graphql.crisis.types import CrisisPlaybook
from chorus_gateway.graphql.info import GatewayInfo
from chorus_gateway.graphql.planning_calendar.paging import parse_id
from chorus_gateway.graphql.problems import ConflictProblem, NotAllowed, NotFoundProblem, ValidationErrors, problem_from
from chorus_shared.errors import ChorusError

CrisisPlaybookResult = Annotated[
    CrisisPlaybook | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("CrisisPlaybookResult"),
]


@strawberry.type
class CrisisPlaybookMutation:
    @strawberry.mutation
    async def create_crisis_playbook(self, info: GatewayInfo, input: CreateCrisisPlaybookInput) -> CrisisPlaybookResult:
        try:
            path = f"/brands/{parse_id(input.brand_id, 'brandId')}/crisis-playbooks"
            created = await info.context.service("planning").post(path, PlanningPlaybook, json=playbook_body(input))
        except ChorusError as error:
            return problem_from(error)
        return CrisisPlaybook.of(created)

    @strawberry.mutation
    async def revise_crisis_playbook(self, info: GatewayInfo, input: ReviseCrisisPlaybookInput) -> CrisisPlaybookResult:
        try:
            path = f"/crisis-playbooks/{parse_id(input.id, 'id')}"
            revised = await info.context.service("planning").patch(path, PlanningPlaybook, json=playbook_body(input))
        except ChorusError as error:
            return problem_from(error)
        return CrisisPlaybook.of(revised)

    @strawberry.mutation
    async def archive_crisis_playbook(self, info: GatewayInfo, id: strawberry.ID) -> CrisisPlaybookResult:
        try:
            path = f"/crisis-playbooks/{parse_id(id, 'id')}/archive"
            archived = await info.context.service("planning").post(path, PlanningPlaybook)
        except ChorusError as error:
            return problem_from(error)
        return CrisisPlaybook.of(archived)
