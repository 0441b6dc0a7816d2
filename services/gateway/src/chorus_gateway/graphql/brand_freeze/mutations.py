"""Freeze or resume a brand's publishing by hand. Failures come back as union members."""

from __future__ import annotations

from typing import Annotated

import strawberry

from chorus_gateway.graphql.brand_freeze.types import BrandFreeze, PublishingFreeze
from chorus_gateway.graphql.info import GatewayInfo, documented_mutation
from chorus_gateway.graphql.planning_calendar.paging import parse_id
from chorus_gateway.graphql.problems import ConflictProblem, NotAllowed, NotFoundProblem, ValidationErrors, problem_from
from chorus_shared.errors import ChorusError

BrandFreezeResult = Annotated[
    BrandFreeze | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("BrandFreezeResult"),
]


@strawberry.type
class BrandFreezeMutation:
    @documented_mutation("Hold every scheduled post of the brand, with a reason. Anyone who may publish may freeze.")
    async def freeze_publishing(self, info: GatewayInfo, brand_id: strawberry.ID, reason: str) -> BrandFreezeResult:
        try:
            path = f"/brands/{parse_id(brand_id, 'brandId')}/freeze"
            frozen = await info.context.service("publishing").post(path, PublishingFreeze, json={"reason": reason})
        except ChorusError as error:
            return problem_from(error)
        return BrandFreeze.of(frozen)

    @documented_mutation("Let the brand's posts go out again; a strategic call (social media managers and above).")
    async def resume_publishing(self, info: GatewayInfo, brand_id: strawberry.ID) -> BrandFreezeResult:
        try:
            path = f"/brands/{parse_id(brand_id, 'brandId')}/resume"
            resumed = await info.context.service("publishing").post(path, PublishingFreeze)
        except ChorusError as error:
            return problem_from(error)
        return BrandFreeze.of(resumed)
