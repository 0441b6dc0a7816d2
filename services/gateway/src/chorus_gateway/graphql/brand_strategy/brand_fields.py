"""The strategy lists a Brand shows: segments, competitors, findings, channel plans and partnerships.

`Brand` inherits these fields. Strategy is agency work: a client user's request for it is refused, and the list
comes back null with a FORBIDDEN error while the rest of the brand still shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from chorus_gateway.graphql.brand_strategy import kinds
from chorus_gateway.graphql.brand_strategy.items import item_page
from chorus_gateway.graphql.brand_strategy.plan_types import ChannelPlan, Partnership
from chorus_gateway.graphql.brand_strategy.research_types import AudienceSegment, Competitor, ResearchFinding
from chorus_gateway.graphql.connection import Connection
from chorus_gateway.graphql.info import GatewayInfo, documented_field

_REFUSED = " Null (with a FORBIDDEN error) for roles that may not read strategy, e.g. client users."


@strawberry.type
class BrandStrategyFields:
    if TYPE_CHECKING:
        id: strawberry.ID  # the brand's, declared by Brand

    @documented_field("Audience segments and their personas." + _REFUSED)
    async def segments(
        self, info: GatewayInfo, first: int | None = None, after: str | None = None
    ) -> Connection[AudienceSegment] | None:
        return await item_page(info, kinds.SEGMENTS, self.id, first, after)

    @documented_field("Competitors the client watches, with their accounts." + _REFUSED)
    async def competitors(
        self, info: GatewayInfo, first: int | None = None, after: str | None = None
    ) -> Connection[Competitor] | None:
        return await item_page(info, kinds.COMPETITORS, self.id, first, after)

    @documented_field("Research findings with their sources." + _REFUSED)
    async def findings(
        self, info: GatewayInfo, first: int | None = None, after: str | None = None
    ) -> Connection[ResearchFinding] | None:
        return await item_page(info, kinds.FINDINGS, self.id, first, after)

    @documented_field("Which networks the brand uses, for whom and why." + _REFUSED)
    async def channel_plans(
        self, info: GatewayInfo, first: int | None = None, after: str | None = None
    ) -> Connection[ChannelPlan] | None:
        return await item_page(info, kinds.CHANNEL_PLANS, self.id, first, after)

    @documented_field("Brands and creators the client works with." + _REFUSED)
    async def partnerships(
        self, info: GatewayInfo, first: int | None = None, after: str | None = None
    ) -> Connection[Partnership] | None:
        return await item_page(info, kinds.PARTNERSHIPS, self.id, first, after)
