"""Brand strategy queries: check a draft against the brand's guidelines. The strategy lists hang off `Brand`."""

from __future__ import annotations

import strawberry

from chorus_gateway.graphql.brand_strategy.rest import PlanningGuidelineCheck
from chorus_gateway.graphql.brand_strategy.voice_types import GuidelineCheck
from chorus_gateway.graphql.info import GatewayInfo, documented_field
from chorus_gateway.graphql.planning_calendar.paging import parse_id
from chorus_shared.errors import NotFound


@strawberry.type
class BrandStrategyQuery:
    @documented_field("Banned words and topics found in the text, and disclaimers it lacks. Null: no such brand.")
    async def check_against_guidelines(
        self, info: GatewayInfo, brand_id: strawberry.ID, text: str
    ) -> GuidelineCheck | None:
        path = f"/brands/{parse_id(brand_id, 'brandId')}/guidelines/check"
        try:
            checked = await info.context.service("planning").post(path, PlanningGuidelineCheck, json={"text": text})
        except NotFound:
            return None
        return GuidelineCheck.of(checked)
