"""Brand routes."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from chorus_planning.api.dependencies import RequestUnitOfWork
from chorus_planning.api.schemas import BrandCreate, BrandPage, BrandRead, BrandUpdate
from chorus_planning.service import brands
from chorus_shared.auth import CurrentPrincipal

router = APIRouter(prefix="/brands", tags=["brands"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_brand(body: BrandCreate, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> BrandRead:
    brand = await brands.create_brand(
        uow=uow,
        principal=principal,
        name=body.name,
        timezone=body.timezone,
        languages=body.languages,
        client_name=body.client_name,
    )
    await uow.commit()
    return BrandRead.of(brand)


@router.get("")
async def list_brands(
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    after: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    include_archived: bool = False,
) -> BrandPage:
    found = await brands.list_brands(
        uow=uow, principal=principal, include_archived=include_archived, after=after, limit=limit + 1
    )
    page = found[:limit]
    return BrandPage(items=[BrandRead.of(b) for b in page], next_after=page[-1].id if len(found) > limit else None)


@router.get("/{brand_id}")
async def get_brand(brand_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> BrandRead:
    return BrandRead.of(await brands.get_brand(uow=uow, principal=principal, brand_id=brand_id))


@router.patch("/{brand_id}")
async def update_brand(
    brand_id: uuid.UUID, body: BrandUpdate, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> BrandRead:
    brand = await brands.update_brand(
        uow=uow,
        principal=principal,
        brand_id=brand_id,
        name=body.name,
        timezone=body.timezone,
        languages=body.languages,
        client_name=body.client_name,
    )
    await uow.commit()
    return BrandRead.of(brand)


@router.post("/{brand_id}/archive")
async def archive_brand(brand_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> BrandRead:
    brand = await brands.archive_brand(uow=uow, principal=principal, brand_id=brand_id)
    await uow.commit()
    return BrandRead.of(brand)
