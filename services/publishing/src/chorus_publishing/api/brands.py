"""Publishing's view of brands: what it has learned from planning's events."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from chorus_publishing.api.dependencies import RequestUnitOfWork
from chorus_publishing.domain.brand_reference import BrandReference
from chorus_publishing.service.brand_references import get_brand_reference, list_brand_references
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


@router.get("")
async def list_brands(
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    ids: Annotated[list[uuid.UUID], Query(max_length=100, description="The brands wanted (at most 100).")],
) -> list[BrandReferenceRead]:
    """The brands among `ids` that publishing knows and the caller may see (the gateway batches lookups here)."""
    found = await list_brand_references(uow=uow, principal=principal, brand_ids=ids)
    return [BrandReferenceRead.of(brand) for brand in found]


@router.get("/{brand_id}")
async def get_brand(brand_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> BrandReferenceRead:
    return BrandReferenceRead.of(await get_brand_reference(uow=uow, principal=principal, brand_id=brand_id))
