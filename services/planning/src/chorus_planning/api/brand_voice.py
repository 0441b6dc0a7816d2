"""Brand voice routes: guidelines, publishing policies, and checking a text against the guidelines."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from chorus_planning.api.brand_voice_schemas import (
    GuidelineCheckRequest,
    GuidelineCheckResult,
    GuidelinesBody,
    GuidelineViolationRead,
    PoliciesBody,
)
from chorus_planning.api.dependencies import RequestUnitOfWork
from chorus_planning.api.schemas import BrandRead
from chorus_planning.service import brand_voice
from chorus_shared.auth import CurrentPrincipal

router = APIRouter(prefix="/brands/{brand_id}", tags=["brands"])


@router.put("/guidelines")
async def replace_guidelines(
    brand_id: uuid.UUID, body: GuidelinesBody, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> BrandRead:
    brand = await brand_voice.replace_guidelines(
        uow=uow, principal=principal, brand_id=brand_id, guidelines=body.to_domain()
    )
    await uow.commit()
    return BrandRead.of(brand)


@router.put("/policies")
async def replace_policies(
    brand_id: uuid.UUID, body: PoliciesBody, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> BrandRead:
    brand = await brand_voice.replace_policies(
        uow=uow, principal=principal, brand_id=brand_id, policies=body.to_domain()
    )
    await uow.commit()
    return BrandRead.of(brand)


@router.post("/guidelines/check")
async def check_against_guidelines(
    brand_id: uuid.UUID, body: GuidelineCheckRequest, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> GuidelineCheckResult:
    violations = await brand_voice.check_text(uow=uow, principal=principal, brand_id=brand_id, text=body.text)
    return GuidelineCheckResult(on_brand=not violations, violations=[GuidelineViolationRead.of(v) for v in violations])
