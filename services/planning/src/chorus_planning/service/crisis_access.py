"""Who may see and change a brand's crisis material, and loading the brand it hangs off."""

from __future__ import annotations

import uuid

from chorus_planning.adapters.brands import BrandRepository
from chorus_planning.domain.brand import Brand
from chorus_planning.domain.errors import BrandArchived, BrandNotFound
from chorus_shared.auth import Principal, Role, require_role
from chorus_shared.db.uow import UnitOfWork


def require_crisis_reader(principal: Principal) -> None:
    # Crisis plans are the agency's internal preparation (contacts, holding statements): clients do not see them.
    require_role(principal, Role.ANALYST)


async def brand_in_scope(uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, *, active: bool) -> Brand:
    """The brand, or BrandNotFound when it is missing or outside the caller's scope (no existence leak)."""
    brand = await BrandRepository(uow.session).get(brand_id) if principal.can_see_brand(brand_id) else None
    if brand is None:
        raise BrandNotFound(f"No brand {brand_id}.")
    if active and brand.archived:
        raise BrandArchived(f"The brand {brand.name!r} is archived.")
    return brand
