"""Events the planning service publishes about campaigns, their budgets and spend (topic `chorus.planning`).

Money is integer minor units of `currency` (ISO 4217): 1999 with EUR is 19.99 euros.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import ClassVar, Literal

from pydantic import Field

from chorus_shared.messaging.contracts.base import EventPayload


class BudgetLineSnapshot(EventPayload):
    activity: str = Field(description="paid_ads, content_production, influencers, tools or other.")
    amount: int = Field(ge=0, description="Minor units.")


class CampaignSnapshot(EventPayload):
    campaign_id: uuid.UUID
    brand_id: uuid.UUID
    name: str
    start_date: dt.date
    end_date: dt.date
    objective_ids: list[uuid.UUID]
    channels: list[str]
    status: str
    budget: int = Field(ge=0, description="Minor units.")
    currency: str
    lines: list[BudgetLineSnapshot]


class CampaignCreatedV1(CampaignSnapshot):
    event_type: ClassVar[str] = "chorus.planning.campaign.created.v1"


class CampaignUpdatedV1(CampaignSnapshot):
    """Name, dates, objectives, channels or budget changed; the snapshot is the campaign after the change."""

    event_type: ClassVar[str] = "chorus.planning.campaign.updated.v1"


class CampaignStatusChangedV1(EventPayload):
    event_type: ClassVar[str] = "chorus.planning.campaign.status_changed.v1"

    campaign_id: uuid.UUID
    brand_id: uuid.UUID
    status: str
    previous_status: str


class CampaignSpendRecordedV1(EventPayload):
    event_type: ClassVar[str] = "chorus.planning.campaign.spend_recorded.v1"

    campaign_id: uuid.UUID
    brand_id: uuid.UUID
    spend_id: uuid.UUID
    line: str
    amount: int = Field(gt=0, description="Minor units.")
    currency: str
    spent_on: dt.date
    note: str
    line_spent: int = Field(description="Total spent on the line after this entry, minor units.")
    campaign_spent: int = Field(description="Total spent on the campaign after this entry, minor units.")


class CampaignBudgetThresholdReachedV1(EventPayload):
    """Spending on a line or the whole campaign went from below `threshold` percent of its budget to at or above.

    Emitted once per crossing: later spends above the threshold do not repeat it; raising the budget and crossing
    again does.
    """

    event_type: ClassVar[str] = "chorus.planning.campaign.budget_threshold_reached.v1"

    campaign_id: uuid.UUID
    brand_id: uuid.UUID
    scope: Literal["line", "campaign"]
    line: str | None = Field(default=None, description="The line's activity when scope is line.")
    threshold: Literal[80, 100]
    spent: int = Field(description="Minor units spent in the scope.")
    budget: int = Field(description="Minor units budgeted in the scope.")
    currency: str
