"""Campaign mutations: plan, budget, status and spend. Failures come back as union members."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from chorus_gateway.graphql.info import GatewayInfo, documented_mutation
from chorus_gateway.graphql.objectives_campaigns.campaign_types import Campaign, SpendEntry
from chorus_gateway.graphql.objectives_campaigns.enums import CampaignStatus
from chorus_gateway.graphql.objectives_campaigns.inputs import (
    BudgetInput,
    CreateCampaignInput,
    RecordSpendInput,
    UpdateCampaignInput,
    budget_body,
    given,
    ids,
)
from chorus_gateway.graphql.objectives_campaigns.money import minor_units
from chorus_gateway.graphql.objectives_campaigns.rest import PlanningCampaign, PlanningSpendRecorded
from chorus_gateway.graphql.planning_calendar.paging import parse_id
from chorus_gateway.graphql.problems import ConflictProblem, NotAllowed, NotFoundProblem, ValidationErrors, problem_from
from chorus_shared.errors import ChorusError

CampaignResult = Annotated[
    Campaign | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("CampaignResult"),
]


@strawberry.type(description="The new spend entry and the campaign after it, with what remains.")
class SpendRecorded:
    entry: SpendEntry
    campaign: Campaign


SpendResult = Annotated[
    SpendRecorded | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("SpendResult"),
]


def _campaign(campaign_id: strawberry.ID, field: str = "id") -> str:
    return f"/campaigns/{parse_id(campaign_id, field)}"


async def _send(info: GatewayInfo, method: str, path: str, body: dict[str, Any]) -> CampaignResult:
    try:
        response = await info.context.service("planning").request(method, path, json=body)
    except ChorusError as error:
        return problem_from(error)
    return Campaign.of(PlanningCampaign.model_validate_json(response.content))


@strawberry.type
class CampaignMutation:
    @strawberry.mutation
    async def create_campaign(self, info: GatewayInfo, input: CreateCampaignInput) -> CampaignResult:
        try:
            plan = {
                "brand_id": str(parse_id(input.brand_id, "brandId")),
                "name": input.name,
                "start_date": input.start_date,
                "end_date": input.end_date,
                "objective_ids": ids(input.objective_ids, "objectiveIds"),
                "channels": input.channels,
            }
            body = given(plan) | budget_body(input.budget)
        except ChorusError as error:
            return problem_from(error)
        return await _send(info, "POST", "/campaigns", body)

    @strawberry.mutation
    async def update_campaign(self, info: GatewayInfo, input: UpdateCampaignInput) -> CampaignResult:
        try:
            path = _campaign(input.id)
            plan = {
                "name": input.name,
                "start_date": input.start_date,
                "end_date": input.end_date,
                "objective_ids": ids(input.objective_ids, "objectiveIds"),
                "channels": input.channels,
            }
        except ChorusError as error:
            return problem_from(error)
        return await _send(info, "PATCH", path, given(plan))

    @documented_mutation("Replace the campaign's budget: total, currency and every line.")
    async def set_campaign_budget(self, info: GatewayInfo, id: strawberry.ID, budget: BudgetInput) -> CampaignResult:
        try:
            path = f"{_campaign(id)}/budget"
            body = budget_body(budget)
        except ChorusError as error:
            return problem_from(error)
        return await _send(info, "PUT", path, body)

    @documented_mutation("draft -> active | cancelled; active -> completed | cancelled. Other moves are a Conflict.")
    async def change_campaign_status(
        self, info: GatewayInfo, id: strawberry.ID, status: CampaignStatus
    ) -> CampaignResult:
        try:
            path = f"{_campaign(id)}/status"
        except ChorusError as error:
            return problem_from(error)
        return await _send(info, "POST", path, {"status": status.value})

    @documented_mutation("Record money spent on a budget line; the campaign comes back with what remains.")
    async def record_spend(self, info: GatewayInfo, input: RecordSpendInput) -> SpendResult:
        try:
            path = f"{_campaign(input.campaign_id, 'campaignId')}/spend"
            body = {
                "line": input.line.value,
                "amount": minor_units(input.amount_minor, "amountMinor"),
                "currency": input.currency,
                "spent_on": input.spent_on.isoformat(),
                "note": input.note,
            }
            recorded = await info.context.service("planning").post(path, PlanningSpendRecorded, json=body)
        except ChorusError as error:
            return problem_from(error)
        return SpendRecorded(entry=SpendEntry.of(recorded.entry), campaign=Campaign.of(recorded.campaign))
