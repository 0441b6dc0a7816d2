"""Campaign use cases: plan a campaign, set its budget, record spend, move its status, and read it."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from chorus_planning.adapters.campaigns import CampaignRepository
from chorus_planning.adapters.objectives import ObjectiveRepository
from chorus_planning.domain.budget import SpendEntry
from chorus_planning.domain.campaign import Campaign
from chorus_planning.domain.errors import CampaignNotFound
from chorus_planning.service.planning_access import (
    brand_scope,
    require_plannable_brand,
    require_reader,
    require_strategist,
)
from chorus_shared.auth import Principal
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import FieldError, ValidationFailed


@dataclass(frozen=True)
class CampaignPlan:
    name: str
    start_date: dt.date
    end_date: dt.date
    objective_ids: list[uuid.UUID]
    channels: list[str]


@dataclass(frozen=True)
class Budget:
    """Amounts in minor units of `currency`; `lines` maps an activity to its share."""

    amount: int
    currency: str
    lines: dict[str, int]


async def create_campaign(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, plan: CampaignPlan, budget: Budget
) -> Campaign:
    require_strategist(principal)
    await require_plannable_brand(uow, principal, brand_id)
    unknown = await _unknown_objectives(uow, brand_id, plan.objective_ids)
    with _reporting_also(unknown):
        campaign = Campaign.create(
            tenant_id=principal.tenant_id,
            brand_id=brand_id,
            name=plan.name,
            start_date=plan.start_date,
            end_date=plan.end_date,
            objective_ids=plan.objective_ids,
            channels=plan.channels,
            budget=budget.amount,
            currency=budget.currency,
            lines=budget.lines,
        )
    await CampaignRepository(uow.session).add(campaign)
    _record(uow, campaign)
    return campaign


async def get_campaign(*, uow: UnitOfWork, principal: Principal, campaign_id: uuid.UUID) -> Campaign:
    require_reader(principal)
    return await _load(uow, principal, campaign_id)


async def list_campaigns(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID | None, after: uuid.UUID | None, limit: int
) -> list[Campaign]:
    require_reader(principal)
    return await CampaignRepository(uow.session).page(
        brand_ids=brand_scope(principal, brand_id), after=after, limit=limit
    )


async def change_campaign_plan(
    *,
    uow: UnitOfWork,
    principal: Principal,
    campaign_id: uuid.UUID,
    name: str | None = None,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    objective_ids: list[uuid.UUID] | None = None,
    channels: list[str] | None = None,
) -> Campaign:
    campaign = await _load_for_change(uow, principal, campaign_id)
    unknown = await _unknown_objectives(uow, campaign.brand_id, objective_ids or [])
    with _reporting_also(unknown):
        campaign.change_plan(
            name=name, start_date=start_date, end_date=end_date, objective_ids=objective_ids, channels=channels
        )
    return await _save(uow, campaign)


async def set_campaign_budget(
    *, uow: UnitOfWork, principal: Principal, campaign_id: uuid.UUID, budget: Budget
) -> Campaign:
    campaign = await _load_for_change(uow, principal, campaign_id)
    campaign.set_budget(budget=budget.amount, currency=budget.currency, lines=budget.lines)
    return await _save(uow, campaign)


async def change_campaign_status(
    *, uow: UnitOfWork, principal: Principal, campaign_id: uuid.UUID, status: str
) -> Campaign:
    campaign = await _load_for_change(uow, principal, campaign_id)
    campaign.change_status(status)
    return await _save(uow, campaign)


async def record_spend(
    *,
    uow: UnitOfWork,
    principal: Principal,
    campaign_id: uuid.UUID,
    line: str,
    amount: int,
    currency: str,
    spent_on: dt.date,
    note: str,
) -> tuple[Campaign, SpendEntry]:
    # Holding the budget is the social media manager's job: community managers do not record spend.
    campaign = await _load_for_change(uow, principal, campaign_id)
    entry = campaign.record_spend(line=line, amount=amount, currency=currency, spent_on=spent_on, note=note)
    repository = CampaignRepository(uow.session)
    await repository.add_spend(campaign, entry, recorded_by=principal.subject)
    return await _save(uow, campaign), entry


async def list_spend(
    *, uow: UnitOfWork, principal: Principal, campaign_id: uuid.UUID, after: uuid.UUID | None, limit: int
) -> list[SpendEntry]:
    require_reader(principal)
    campaign = await _load(uow, principal, campaign_id)
    return await CampaignRepository(uow.session).spend(campaign.id, after=after, limit=limit)


async def _unknown_objectives(uow: UnitOfWork, brand_id: uuid.UUID, objective_ids: list[uuid.UUID]) -> list[FieldError]:
    known = await ObjectiveRepository(uow.session).ids_of_brand(brand_id, objective_ids) if objective_ids else set()
    return [
        FieldError(f"objective_ids.{index}", f"The brand has no objective {objective_id}.", "unknown_objective")
        for index, objective_id in enumerate(objective_ids)
        if objective_id not in known
    ]


@contextmanager
def _reporting_also(errors: list[FieldError]) -> Iterator[None]:
    """Run a domain change; refuse it with `errors` added to whatever the domain refuses, so all show at once."""
    try:
        yield
    except ValidationFailed as failure:
        raise ValidationFailed(failure.message, field_errors=[*failure.field_errors, *errors]) from None
    if errors:
        raise ValidationFailed("The campaign is not valid.", field_errors=errors)


async def _load(uow: UnitOfWork, principal: Principal, campaign_id: uuid.UUID, *, for_update: bool = False) -> Campaign:
    campaign = await CampaignRepository(uow.session).get(campaign_id, for_update=for_update)
    # Another brand's campaign answers exactly like a missing one: no existence leak.
    if campaign is None or not principal.can_see_brand(campaign.brand_id):
        raise CampaignNotFound(f"No campaign {campaign_id}.")
    return campaign


async def _load_for_change(uow: UnitOfWork, principal: Principal, campaign_id: uuid.UUID) -> Campaign:
    require_strategist(principal)
    return await _load(uow, principal, campaign_id, for_update=True)


async def _save(uow: UnitOfWork, campaign: Campaign) -> Campaign:
    await CampaignRepository(uow.session).save(campaign)
    _record(uow, campaign)
    return campaign


def _record(uow: UnitOfWork, campaign: Campaign) -> None:
    uow.emit_all((event, campaign.id) for event in campaign.events)
    campaign.events.clear()
