"""Channel plan and partnership mutations. Partnerships are ended, not deleted: their history is kept."""

from __future__ import annotations

import strawberry

from chorus_gateway.graphql.brand_strategy import kinds
from chorus_gateway.graphql.brand_strategy.enums import PartnershipStatus
from chorus_gateway.graphql.brand_strategy.items import (
    create_item,
    delete_item,
    item_path,
    strategy_problem,
    update_item,
)
from chorus_gateway.graphql.brand_strategy.plan_inputs import (
    CreateChannelPlanInput,
    CreatePartnershipInput,
    UpdateChannelPlanInput,
    UpdatePartnershipInput,
)
from chorus_gateway.graphql.brand_strategy.plan_types import Partnership
from chorus_gateway.graphql.brand_strategy.rest import PlanningPartnership
from chorus_gateway.graphql.brand_strategy.results import (
    ChannelPlanResult,
    DeleteStrategyItemResult,
    PartnershipResult,
    deleted,
)
from chorus_gateway.graphql.info import GatewayInfo, documented_mutation
from chorus_shared.errors import ChorusError


@strawberry.type
class ChannelsAndPartnershipsMutation:
    @strawberry.mutation
    async def create_channel_plan(self, info: GatewayInfo, input: CreateChannelPlanInput) -> ChannelPlanResult:
        return await create_item(info, kinds.CHANNEL_PLANS, input)

    @strawberry.mutation
    async def update_channel_plan(self, info: GatewayInfo, input: UpdateChannelPlanInput) -> ChannelPlanResult:
        return await update_item(info, kinds.CHANNEL_PLANS, input)

    @strawberry.mutation
    async def delete_channel_plan(
        self, info: GatewayInfo, brand_id: strawberry.ID, id: strawberry.ID
    ) -> DeleteStrategyItemResult:
        return deleted(await delete_item(info, kinds.CHANNEL_PLANS, brand_id, id))

    @documented_mutation("A new partnership starts as a prospect.")
    async def create_partnership(self, info: GatewayInfo, input: CreatePartnershipInput) -> PartnershipResult:
        return await create_item(info, kinds.PARTNERSHIPS, input)

    @strawberry.mutation
    async def update_partnership(self, info: GatewayInfo, input: UpdatePartnershipInput) -> PartnershipResult:
        return await update_item(info, kinds.PARTNERSHIPS, input)

    @documented_mutation("Move the deal on; a move the deal's stage does not allow comes back as a Conflict.")
    async def change_partnership_status(
        self,
        info: GatewayInfo,
        brand_id: strawberry.ID,
        id: strawberry.ID,
        status: PartnershipStatus,
        note: str = "",
    ) -> PartnershipResult:
        try:
            path = f"{item_path(kinds.PARTNERSHIPS, brand_id, id)}/status"
            body = {"status": status.value, "note": note}
            moved = await info.context.service("planning").post(path, PlanningPartnership, json=body)
        except ChorusError as error:
            return strategy_problem(error)
        return Partnership.of(moved)
