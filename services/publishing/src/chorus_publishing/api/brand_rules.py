"""A brand's post rules over REST: the approval policy and guidelines kept from planning, and UTM settings."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from pydantic import BaseModel, Field

from chorus_publishing.api.dependencies import RequestUnitOfWork
from chorus_publishing.domain.brand_rules import BrandRules, UtmSettings
from chorus_publishing.service import brand_rules
from chorus_shared.auth import CurrentPrincipal
from chorus_shared.messaging.contracts.planning_brand_voice import ApprovalPolicy, GuidelinesData

router = APIRouter(prefix="/brands/{brand_id}", tags=["brand rules"])


class UtmSettingsBody(BaseModel):
    enabled: bool = True
    medium: str = Field(default="social", max_length=1000)
    campaign_name: str | None = Field(default=None, max_length=1000, description="utm_campaign instead of the id.")


class BrandRulesRead(BaseModel):
    brand_id: uuid.UUID
    approval_policy: ApprovalPolicy
    guidelines: GuidelinesData
    utm: UtmSettingsBody

    @classmethod
    def of(cls, rules: BrandRules) -> BrandRulesRead:
        utm = UtmSettingsBody(enabled=rules.utm.enabled, medium=rules.utm.medium, campaign_name=rules.utm.campaign_name)
        return cls(brand_id=rules.brand_id, approval_policy=rules.approval_policy, guidelines=rules.guidelines, utm=utm)


@router.get("/post-rules")
async def get_rules(brand_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> BrandRulesRead:
    return BrandRulesRead.of(await brand_rules.get_rules(uow=uow, principal=principal, brand_id=brand_id))


@router.put("/utm")
async def set_utm(
    brand_id: uuid.UUID, body: UtmSettingsBody, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> BrandRulesRead:
    utm = UtmSettings(enabled=body.enabled, medium=body.medium, campaign_name=body.campaign_name)
    rules = await brand_rules.set_utm(uow=uow, principal=principal, brand_id=brand_id, utm=utm)
    await uow.commit()
    return BrandRulesRead.of(rules)
