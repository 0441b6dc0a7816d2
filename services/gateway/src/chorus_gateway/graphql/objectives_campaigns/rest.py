"""The REST shapes the gateway reads from planning's objectives and campaigns (only the fields it uses)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel


class PlanningKpiProgress(BaseModel):
    value: str
    period_start: datetime
    period_end: datetime
    computed_at: datetime
    percent_of_target: str
    expected_percent: str
    on_track: bool


class PlanningKpiTarget(BaseModel):
    id: uuid.UUID
    metric: str
    formula: str
    target: str
    direction: str
    period_start: date
    period_end: date
    progress: PlanningKpiProgress | None


class PlanningObjective(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    kind: str
    title: str
    period_start: date
    period_end: date
    kpis: list[PlanningKpiTarget]
    version: int


class PlanningObjectivePage(BaseModel):
    items: list[PlanningObjective]
    next_after: uuid.UUID | None


class PlanningBudgetLine(BaseModel):
    activity: str
    amount: int
    spent: int
    remaining: int


class PlanningCampaign(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    name: str
    start_date: date
    end_date: date
    objective_ids: list[uuid.UUID]
    channels: list[str]
    status: str
    currency: str
    budget: int
    spent: int
    remaining: int
    lines: list[PlanningBudgetLine]
    version: int


class PlanningCampaignPage(BaseModel):
    items: list[PlanningCampaign]
    next_after: uuid.UUID | None


class PlanningSpendEntry(BaseModel):
    id: uuid.UUID
    campaign_id: uuid.UUID
    line: str
    amount: int
    currency: str
    spent_on: date
    note: str


class PlanningSpendPage(BaseModel):
    items: list[PlanningSpendEntry]
    next_after: uuid.UUID | None


class PlanningSpendRecorded(BaseModel):
    entry: PlanningSpendEntry
    campaign: PlanningCampaign
