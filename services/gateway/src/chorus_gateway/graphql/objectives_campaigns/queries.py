"""Objective and campaign queries: one by id, or a brand's page of them (Relay over planning's keyset pages)."""

from __future__ import annotations

import strawberry

from chorus_gateway.graphql.connection import Connection
from chorus_gateway.graphql.info import GatewayInfo, documented_field
from chorus_gateway.graphql.objectives_campaigns.campaign_types import Campaign
from chorus_gateway.graphql.objectives_campaigns.objective_types import Objective
from chorus_gateway.graphql.objectives_campaigns.rest import (
    PlanningCampaign,
    PlanningCampaignPage,
    PlanningObjective,
    PlanningObjectivePage,
)
from chorus_gateway.graphql.planning_calendar.paging import connection, page_params, parse_id
from chorus_shared.errors import NotFound


@strawberry.type
class ObjectivesCampaignsQuery:
    @documented_field("Null when the objective does not exist or is outside your scope.")
    async def objective(self, info: GatewayInfo, id: strawberry.ID) -> Objective | None:
        try:
            found = await info.context.service("planning").get(f"/objectives/{parse_id(id, 'id')}", PlanningObjective)
        except NotFound:
            return None
        return Objective.of(found)

    @documented_field("Objectives of one brand, or of every brand in your scope when brandId is left out.")
    async def objectives(
        self,
        info: GatewayInfo,
        brand_id: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Objective]:
        brand = str(parse_id(brand_id, "brandId")) if brand_id is not None else None
        params = page_params("objective", first, after, brand_id=brand)
        page = await info.context.service("planning").get("/objectives", PlanningObjectivePage, params=params)
        return connection("objective", page.items, page.next_after, after, Objective.of)

    @documented_field("Null when the campaign does not exist or is outside your scope.")
    async def campaign(self, info: GatewayInfo, id: strawberry.ID) -> Campaign | None:
        try:
            found = await info.context.service("planning").get(f"/campaigns/{parse_id(id, 'id')}", PlanningCampaign)
        except NotFound:
            return None
        return Campaign.of(found)

    @documented_field("Campaigns of one brand, or of every brand in your scope when brandId is left out.")
    async def campaigns(
        self,
        info: GatewayInfo,
        brand_id: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Campaign]:
        brand = str(parse_id(brand_id, "brandId")) if brand_id is not None else None
        params = page_params("campaign", first, after, brand_id=brand)
        page = await info.context.service("planning").get("/campaigns", PlanningCampaignPage, params=params)
        return connection("campaign", page.items, page.next_after, after, Campaign.of)
