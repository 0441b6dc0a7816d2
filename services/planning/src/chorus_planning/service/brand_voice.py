"""Brand voice use cases: replace the guidelines or the publishing policies, check a text against the guidelines."""

from __future__ import annotations

import uuid

from chorus_planning.domain.brand import Brand
from chorus_planning.domain.brand_guidelines import BrandGuidelines
from chorus_planning.domain.brand_policies import BrandPolicies
from chorus_planning.domain.guideline_check import GuidelineViolation, check_against_guidelines
from chorus_planning.service.brands import get_brand, load_brand_for_change, record_brand_events, save_brand
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork


async def replace_guidelines(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, guidelines: BrandGuidelines
) -> Brand:
    # The brand's voice is strategy: social media managers and above set it.
    require_permission(principal, Permission.MANAGE_STRATEGY)
    brand = await load_brand_for_change(uow, principal, brand_id)
    brand.change_guidelines(guidelines)
    await save_brand(uow, brand)
    record_brand_events(uow, brand)
    return brand


async def replace_policies(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, policies: BrandPolicies
) -> Brand:
    require_permission(principal, Permission.MANAGE_STRATEGY)
    brand = await load_brand_for_change(uow, principal, brand_id)
    brand.change_policies(policies)
    await save_brand(uow, brand)
    record_brand_events(uow, brand)
    return brand


async def check_text(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, text: str
) -> list[GuidelineViolation]:
    """Anyone who sees the brand may check a draft: writers and approvers flag off-brand content before it ships."""
    require_permission(principal, Permission.READ)
    brand = await get_brand(uow=uow, principal=principal, brand_id=brand_id)
    return check_against_guidelines(text, brand.guidelines)
