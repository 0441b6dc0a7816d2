"""Freeze or resume every brand's publishing of the agency at once (the brand-level pair is in brand_freeze)."""

from __future__ import annotations

import uuid
from typing import Annotated

import strawberry
from pydantic import BaseModel

from chorus_gateway.graphql.info import GatewayInfo, documented_mutation
from chorus_gateway.graphql.problems import ConflictProblem, NotAllowed, NotFoundProblem, ValidationErrors, problem_from
from chorus_shared.errors import ChorusError


class _AgencyFreezeRead(BaseModel):
    brand_ids: list[uuid.UUID]


@strawberry.type(description="The brands this call froze or resumed.")
class AgencyFreeze:
    brand_ids: list[strawberry.ID]


AgencyFreezeResult = Annotated[
    AgencyFreeze | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("AgencyFreezeResult"),
]


@strawberry.type
class AgencyFreezeMutation:
    @documented_mutation("Hold every scheduled post of every brand, with a reason (members of every brand only).")
    async def freeze_agency_publishing(self, info: GatewayInfo, reason: str) -> AgencyFreezeResult:
        return await _call(info, "/agency/freeze", {"reason": reason})

    @documented_mutation("Lift the agency-wide freeze; brands frozen on their own stay frozen. Strategists only.")
    async def resume_agency_publishing(self, info: GatewayInfo) -> AgencyFreezeResult:
        return await _call(info, "/agency/resume", None)


async def _call(info: GatewayInfo, path: str, body: dict[str, str] | None) -> AgencyFreezeResult:
    try:
        answer = await info.context.service("publishing").post(path, _AgencyFreezeRead, json=body)
    except ChorusError as error:
        return problem_from(error)
    return AgencyFreeze(brand_ids=[strawberry.ID(str(b)) for b in answer.brand_ids])
