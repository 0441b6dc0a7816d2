"""Loading the brand a calendar or roadmap use case works on, within the caller's brand scope."""

from __future__ import annotations

import uuid

from chorus_planning.adapters.brands import BrandRepository
from chorus_planning.domain.brand import Brand
from chorus_planning.domain.errors import BrandArchived, BrandNotFound
from chorus_shared.auth import Principal
from chorus_shared.db.uow import UnitOfWork


async def visible_brand(uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID) -> Brand:
    """The brand, or BrandNotFound when it is missing or outside the caller's scope (no existence leak)."""
    brand = await BrandRepository(uow.session).get(brand_id) if principal.can_see_brand(brand_id) else None
    if brand is None:
        raise BrandNotFound(f"No brand {brand_id}.")
    return brand


async def active_brand(uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID) -> Brand:
    """The visible brand, or BrandArchived when it no longer takes new plans."""
    brand = await visible_brand(uow, principal, brand_id)
    if brand.archived:
        raise BrandArchived(f"The brand {brand.name!r} is archived.")
    return brand
