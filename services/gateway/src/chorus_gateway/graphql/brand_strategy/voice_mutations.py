"""Brand voice mutations: replace the guidelines or the publishing policies. Failures come back as union members."""

from __future__ import annotations

from typing import Any

import strawberry
from pydantic import ValidationError

from chorus_gateway.clients.service_client import ServiceUnavailable
from chorus_gateway.graphql.brand_strategy.bodies import request_body
from chorus_gateway.graphql.brand_strategy.items import strategy_problem
from chorus_gateway.graphql.brand_strategy.voice_inputs import BrandGuidelinesInput, BrandPoliciesInput
from chorus_gateway.graphql.brands.mutations import BrandResult
from chorus_gateway.graphql.brands.rest import PlanningBrand
from chorus_gateway.graphql.brands.types import Brand
from chorus_gateway.graphql.info import GatewayInfo, documented_mutation
from chorus_gateway.graphql.planning_calendar.paging import parse_id
from chorus_shared.errors import ChorusError


@strawberry.type
class BrandVoiceMutation:
    @documented_mutation("Replace the brand's guidelines (social media managers and above).")
    async def set_brand_guidelines(
        self, info: GatewayInfo, brand_id: strawberry.ID, input: BrandGuidelinesInput
    ) -> BrandResult:
        return await _replace(info, brand_id, "guidelines", request_body(input, skip=frozenset()))

    @documented_mutation("Replace who approves the brand's posts and what happens to late posts.")
    async def set_brand_policies(
        self, info: GatewayInfo, brand_id: strawberry.ID, input: BrandPoliciesInput
    ) -> BrandResult:
        return await _replace(info, brand_id, "policies", request_body(input, skip=frozenset()))


async def _replace(info: GatewayInfo, brand_id: str, part: str, body: dict[str, Any]) -> BrandResult:
    try:
        path = f"/brands/{parse_id(brand_id, 'brandId')}/{part}"
        response = await info.context.service("planning").request("PUT", path, json=body)
    except ChorusError as error:
        return strategy_problem(error)
    try:
        return Brand.of(PlanningBrand.model_validate_json(response.content))
    except ValidationError as exc:
        raise ServiceUnavailable("The planning service sent an unexpected answer.") from exc
