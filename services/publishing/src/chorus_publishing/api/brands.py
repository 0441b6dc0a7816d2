"""Publishing's view of brands: what it has learned from planning's events."""

from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel

from chorus_publishing.api.dependencies import RequestUnitOfWork
from chorus_publishing.domain.brand_reference import BrandReference
from chorus_publishing.service.brand_references import get_brand_reference
from chorus_shared.auth import CurrentPrincipal

router = APIRouter(prefix="/brands", tags=["brands"])


class BrandReferenceRead(BaseModel):
    brand_id: uuid.UUID
    name: str
    timezone: str
    languages: list[str]
    archived: bool
    synced_at: datetime

    @classmethod
    def of(cls, brand: BrandReference) -> BrandReferenceRead:
        return cls(
            brand_id=brand.brand_id,
            name=brand.name,
            timezone=brand.timezone,
            languages=brand.languages,
            archived=brand.archived,
            synced_at=brand.synced_at,
        )


@router.get("/{brand_id}")
async def get_brand(brand_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> BrandReferenceRead:
    return BrandReferenceRead.of(await get_brand_reference(uow=uow, principal=principal, brand_id=brand_id))
