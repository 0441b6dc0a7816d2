"""Access rules of objectives and campaigns: the brand they belong to, and who may read or change them."""

from __future__ import annotations

import uuid

from chorus_planning.adapters.brands import BrandRepository
from chorus_planning.domain.errors import BrandArchived
from chorus_shared.auth import Permission, Principal, Role, require_permission, require_role
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import FieldError, ValidationFailed


async def require_plannable_brand(uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID) -> None:
    """The brand exists, the caller sees it and it is not archived. A hidden brand reads exactly like a missing one."""
    brand = await BrandRepository(uow.session).get(brand_id) if principal.can_see_brand(brand_id) else None
    if brand is None:
        raise ValidationFailed(
            "The brand is not known.", field_errors=[FieldError("brand_id", f"No brand {brand_id}.", "unknown_brand")]
        )
    if brand.archived:
        raise BrandArchived(f"The brand {brand.name!r} is archived.")


def require_strategist(principal: Principal) -> None:
    # Objectives, campaigns and budgets are strategy: social media managers and above.
    require_permission(principal, Permission.MANAGE_STRATEGY)


def require_reader(principal: Principal) -> None:
    require_permission(principal, Permission.READ)


def require_internal_reader(principal: Principal) -> None:
    """Objectives and KPIs are the agency's own steering: analysts and above read them, client users do not."""
    require_permission(principal, Permission.READ)
    require_role(principal, Role.ANALYST)


def brand_scope(principal: Principal, brand_id: uuid.UUID | None) -> list[uuid.UUID] | None:
    """The brands a list may show: the caller's scope, narrowed to `brand_id` when asked; None means all."""
    if brand_id is not None:
        return [brand_id] if principal.can_see_brand(brand_id) else []
    return None if principal.brand_ids is None else sorted(principal.brand_ids)
