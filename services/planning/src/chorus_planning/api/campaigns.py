"""Campaign, budget and spend routes."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import BaseModel

from chorus_planning.api.campaign_schemas import (
    BudgetUpdate,
    CampaignCreate,
    CampaignPage,
    CampaignRead,
    CampaignUpdate,
    SpendCreate,
    SpendEntryRead,
    SpendPage,
    StatusChange,
)
from chorus_planning.api.dependencies import RequestUnitOfWork
from chorus_planning.service import campaigns
from chorus_planning.service.campaigns import Budget
from chorus_shared.auth import CurrentPrincipal

router = APIRouter(prefix="/campaigns", tags=["campaigns"])
Limit = Annotated[int, Query(ge=1, le=100)]


class SpendRecorded(BaseModel):
    """The new entry and the campaign after it, so the caller sees what remains at once."""

    entry: SpendEntryRead
    campaign: CampaignRead


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_campaign(body: CampaignCreate, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> CampaignRead:
    campaign = await campaigns.create_campaign(
        uow=uow,
        principal=principal,
        brand_id=body.brand_id,
        plan=body.plan(),
        budget=Budget(body.budget, body.currency, dict(body.lines)),
    )
    await uow.commit()
    return CampaignRead.of(campaign)


@router.get("")
async def list_campaigns(
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    brand_id: uuid.UUID | None = None,
    after: uuid.UUID | None = None,
    limit: Limit = 50,
) -> CampaignPage:
    found = await campaigns.list_campaigns(
        uow=uow, principal=principal, brand_id=brand_id, after=after, limit=limit + 1
    )
    page = found[:limit]
    return CampaignPage(
        items=[CampaignRead.of(c) for c in page], next_after=page[-1].id if len(found) > limit else None
    )


@router.get("/{campaign_id}")
async def get_campaign(campaign_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> CampaignRead:
    return CampaignRead.of(await campaigns.get_campaign(uow=uow, principal=principal, campaign_id=campaign_id))


@router.patch("/{campaign_id}")
async def change_campaign_plan(
    campaign_id: uuid.UUID, body: CampaignUpdate, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> CampaignRead:
    campaign = await campaigns.change_campaign_plan(
        uow=uow,
        principal=principal,
        campaign_id=campaign_id,
        name=body.name,
        start_date=body.start_date,
        end_date=body.end_date,
        objective_ids=body.objective_ids,
        channels=body.channels,
    )
    await uow.commit()
    return CampaignRead.of(campaign)


@router.put("/{campaign_id}/budget")
async def set_budget(
    campaign_id: uuid.UUID, body: BudgetUpdate, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> CampaignRead:
    campaign = await campaigns.set_campaign_budget(
        uow=uow, principal=principal, campaign_id=campaign_id, budget=body.to_budget()
    )
    await uow.commit()
    return CampaignRead.of(campaign)


@router.post("/{campaign_id}/status")
async def change_status(
    campaign_id: uuid.UUID, body: StatusChange, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> CampaignRead:
    campaign = await campaigns.change_campaign_status(
        uow=uow, principal=principal, campaign_id=campaign_id, status=body.status
    )
    await uow.commit()
    return CampaignRead.of(campaign)


@router.post("/{campaign_id}/spend", status_code=status.HTTP_201_CREATED)
async def record_spend(
    campaign_id: uuid.UUID, body: SpendCreate, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> SpendRecorded:
    campaign, entry = await campaigns.record_spend(
        uow=uow,
        principal=principal,
        campaign_id=campaign_id,
        line=body.line,
        amount=body.amount,
        currency=body.currency,
        spent_on=body.spent_on,
        note=body.note,
    )
    await uow.commit()
    return SpendRecorded(entry=SpendEntryRead.of(entry), campaign=CampaignRead.of(campaign))


@router.get("/{campaign_id}/spend")
async def list_spend(
    campaign_id: uuid.UUID,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    after: uuid.UUID | None = None,
    limit: Limit = 50,
) -> SpendPage:
    found = await campaigns.list_spend(
        uow=uow, principal=principal, campaign_id=campaign_id, after=after, limit=limit + 1
    )
    page = found[:limit]
    return SpendPage(items=[SpendEntryRead.of(e) for e in page], next_after=page[-1].id if len(found) > limit else None)
