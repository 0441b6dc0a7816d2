"""Market research mutations: create, update and delete audience segments, competitors and research findings."""

from __future__ import annotations

import strawberry

from chorus_gateway.graphql.brand_strategy import kinds
from chorus_gateway.graphql.brand_strategy.items import create_item, delete_item, update_item
from chorus_gateway.graphql.brand_strategy.research_inputs import (
    CreateAudienceSegmentInput,
    CreateCompetitorInput,
    CreateResearchFindingInput,
    UpdateAudienceSegmentInput,
    UpdateCompetitorInput,
    UpdateResearchFindingInput,
)
from chorus_gateway.graphql.brand_strategy.results import (
    AudienceSegmentResult,
    CompetitorResult,
    DeleteStrategyItemResult,
    ResearchFindingResult,
    deleted,
)
from chorus_gateway.graphql.info import GatewayInfo, documented_mutation


@strawberry.type
class MarketResearchMutation:
    @strawberry.mutation
    async def create_audience_segment(
        self, info: GatewayInfo, input: CreateAudienceSegmentInput
    ) -> AudienceSegmentResult:
        return await create_item(info, kinds.SEGMENTS, input)

    @strawberry.mutation
    async def update_audience_segment(
        self, info: GatewayInfo, input: UpdateAudienceSegmentInput
    ) -> AudienceSegmentResult:
        return await update_item(info, kinds.SEGMENTS, input)

    @documented_mutation("Refused with a Conflict while channel plans target the segment.")
    async def delete_audience_segment(
        self, info: GatewayInfo, brand_id: strawberry.ID, id: strawberry.ID
    ) -> DeleteStrategyItemResult:
        return deleted(await delete_item(info, kinds.SEGMENTS, brand_id, id))

    @strawberry.mutation
    async def create_competitor(self, info: GatewayInfo, input: CreateCompetitorInput) -> CompetitorResult:
        return await create_item(info, kinds.COMPETITORS, input)

    @strawberry.mutation
    async def update_competitor(self, info: GatewayInfo, input: UpdateCompetitorInput) -> CompetitorResult:
        return await update_item(info, kinds.COMPETITORS, input)

    @strawberry.mutation
    async def delete_competitor(
        self, info: GatewayInfo, brand_id: strawberry.ID, id: strawberry.ID
    ) -> DeleteStrategyItemResult:
        return deleted(await delete_item(info, kinds.COMPETITORS, brand_id, id))

    @strawberry.mutation
    async def create_research_finding(
        self, info: GatewayInfo, input: CreateResearchFindingInput
    ) -> ResearchFindingResult:
        return await create_item(info, kinds.FINDINGS, input)

    @strawberry.mutation
    async def update_research_finding(
        self, info: GatewayInfo, input: UpdateResearchFindingInput
    ) -> ResearchFindingResult:
        return await update_item(info, kinds.FINDINGS, input)

    @strawberry.mutation
    async def delete_research_finding(
        self, info: GatewayInfo, brand_id: strawberry.ID, id: strawberry.ID
    ) -> DeleteStrategyItemResult:
        return deleted(await delete_item(info, kinds.FINDINGS, brand_id, id))
