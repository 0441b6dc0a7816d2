"""REST shapes of campaigns, budgets and spend. Money is integer minor units of `currency` (1999 EUR = 19.99 euros)."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, Field

from chorus_planning.domain.budget import SpendEntry
from chorus_planning.domain.campaign import Campaign
from chorus_planning.service.campaigns import Budget, CampaignPlan

# Far above any campaign, far below PostgreSQL's bigint: a typo of a few digits still gets a field error.
MONEY_MAX = 10**15
_LINES_HELP = "Activity (paid_ads, content_production, influencers, tools, other) -> minor units."
_LINES_EXAMPLE = {"paid_ads": 500000, "content_production": 200000}


class CampaignCreate(BaseModel):
    brand_id: uuid.UUID
    name: str = Field(max_length=1000)
    start_date: dt.date
    end_date: dt.date
    objective_ids: list[uuid.UUID] = Field(default_factory=list, max_length=50)
    channels: list[str] = Field(default_factory=list, max_length=20, examples=[["instagram", "tiktok"]])
    budget: int = Field(le=MONEY_MAX, examples=[1000000])
    currency: str = Field(max_length=10, examples=["EUR"])
    lines: dict[str, int] = Field(default_factory=dict, examples=[_LINES_EXAMPLE], description=_LINES_HELP)

    def plan(self) -> CampaignPlan:
        return CampaignPlan(self.name, self.start_date, self.end_date, self.objective_ids, self.channels)


class CampaignUpdate(BaseModel):
    name: str | None = Field(default=None, max_length=1000)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    objective_ids: list[uuid.UUID] | None = Field(default=None, max_length=50)
    channels: list[str] | None = Field(default=None, max_length=20)


class BudgetUpdate(BaseModel):
    """The whole budget: the total, its currency and every line (lines left out are removed)."""

    budget: int = Field(le=MONEY_MAX)
    currency: str = Field(max_length=10)
    lines: dict[str, int] = Field(default_factory=dict, examples=[_LINES_EXAMPLE], description=_LINES_HELP)

    def to_budget(self) -> Budget:
        return Budget(self.budget, self.currency, dict(self.lines))


class StatusChange(BaseModel):
    status: str = Field(examples=["active"], description="draft -> active | cancelled; active -> completed | cancelled")


class SpendCreate(BaseModel):
    line: str = Field(max_length=64, examples=["paid_ads"])
    amount: int = Field(le=MONEY_MAX, examples=[25000])
    currency: str = Field(max_length=10, examples=["EUR"])
    spent_on: dt.date
    note: str = Field(default="", max_length=2000)


class BudgetLineRead(BaseModel):
    activity: str
    amount: int
    spent: int
    remaining: int


class CampaignRead(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    name: str
    start_date: dt.date
    end_date: dt.date
    objective_ids: list[uuid.UUID]
    channels: list[str]
    status: str
    currency: str
    budget: int
    spent: int
    remaining: int
    lines: list[BudgetLineRead]
    version: int

    @classmethod
    def of(cls, campaign: Campaign) -> CampaignRead:
        return cls(
            id=campaign.id,
            brand_id=campaign.brand_id,
            name=campaign.name,
            start_date=campaign.start_date,
            end_date=campaign.end_date,
            objective_ids=campaign.objective_ids,
            channels=campaign.channels,
            status=campaign.status.value,
            currency=campaign.currency,
            budget=campaign.budget,
            spent=campaign.spent,
            remaining=campaign.remaining,
            lines=[
                BudgetLineRead(activity=line.activity, amount=line.amount, spent=line.spent, remaining=line.remaining)
                for line in campaign.lines.values()
            ],
            version=campaign.version,
        )


class CampaignPage(BaseModel):
    items: list[CampaignRead]
    next_after: uuid.UUID | None


class SpendEntryRead(BaseModel):
    id: uuid.UUID
    campaign_id: uuid.UUID
    line: str
    amount: int
    currency: str
    spent_on: dt.date
    note: str

    @classmethod
    def of(cls, entry: SpendEntry) -> SpendEntryRead:
        return cls(
            id=entry.id,
            campaign_id=entry.campaign_id,
            line=entry.line,
            amount=entry.amount,
            currency=entry.currency,
            spent_on=entry.spent_on,
            note=entry.note,
        )


class SpendPage(BaseModel):
    items: list[SpendEntryRead]
    next_after: uuid.UUID | None
