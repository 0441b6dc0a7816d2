"""A brand's publishing freeze: read it, freeze by hand (with a reason), resume."""

from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field

from chorus_publishing.api.dependencies import RequestUnitOfWork
from chorus_publishing.domain.brand_freeze import BrandFreeze
from chorus_publishing.service import brand_freezes
from chorus_shared.auth import CurrentPrincipal

router = APIRouter(prefix="/brands", tags=["brand freezes"])


class FreezeBody(BaseModel):
    reason: str = Field(max_length=10000, examples=["Product recall announced; hold every scheduled post."])


class BrandFreezeRead(BaseModel):
    brand_id: uuid.UUID
    frozen: bool
    frozen_at: datetime | None = None
    reason: str | None = None
    source: str | None = None
    source_event_id: str | None = None
    frozen_by: str | None = None
    resumed_at: datetime | None = None
    resumed_by: str | None = None

    @classmethod
    def of(cls, brand_id: uuid.UUID, freeze: BrandFreeze | None) -> BrandFreezeRead:
        if freeze is None:
            return cls(brand_id=brand_id, frozen=False)
        return cls(
            brand_id=brand_id,
            frozen=freeze.is_active,
            frozen_at=freeze.frozen_at,
            reason=freeze.reason,
            source=freeze.source,
            source_event_id=freeze.source_event_id,
            frozen_by=freeze.frozen_by,
            resumed_at=freeze.lifted_at,
            resumed_by=freeze.lifted_by,
        )


@router.get("/{brand_id}/freeze")
async def get_freeze(brand_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> BrandFreezeRead:
    freeze = await brand_freezes.current_freeze(uow=uow, principal=principal, brand_id=brand_id)
    return BrandFreezeRead.of(brand_id, freeze)


@router.post("/{brand_id}/freeze")
async def freeze_brand(
    brand_id: uuid.UUID, body: FreezeBody, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> BrandFreezeRead:
    freeze = await brand_freezes.freeze_brand(uow=uow, principal=principal, brand_id=brand_id, reason=body.reason)
    await uow.commit()
    return BrandFreezeRead.of(brand_id, freeze)


@router.post("/{brand_id}/resume")
async def resume_brand(brand_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> BrandFreezeRead:
    freeze = await brand_freezes.resume_brand(uow=uow, principal=principal, brand_id=brand_id)
    await uow.commit()
    return BrandFreezeRead.of(brand_id, freeze)
