"""Agency-wide freeze: pause every brand's scheduled posts at once, and resume them."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from pydantic import BaseModel, Field

from chorus_publishing.api.dependencies import RequestUnitOfWork
from chorus_publishing.service import agency_freezes
from chorus_shared.auth import CurrentPrincipal

router = APIRouter(prefix="/agency", tags=["freezes"])


class AgencyFreezeBody(BaseModel):
    reason: str = Field(min_length=1, max_length=2000, description="Why every brand stops publishing.")


class AgencyFreezeRead(BaseModel):
    brand_ids: list[uuid.UUID] = Field(description="The brands this call froze or resumed.")


@router.post("/freeze")
async def freeze_agency(
    body: AgencyFreezeBody, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> AgencyFreezeRead:
    frozen = await agency_freezes.freeze_agency(uow=uow, principal=principal, reason=body.reason.strip())
    await uow.commit()
    return AgencyFreezeRead(brand_ids=[f.brand_id for f in frozen])


@router.post("/resume")
async def resume_agency(uow: RequestUnitOfWork, principal: CurrentPrincipal) -> AgencyFreezeRead:
    resumed = await agency_freezes.resume_agency(uow=uow, principal=principal)
    await uow.commit()
    return AgencyFreezeRead(brand_ids=[f.brand_id for f in resumed])
