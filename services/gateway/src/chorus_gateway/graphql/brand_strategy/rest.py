"""The REST shapes the gateway reads from planning's brand voice and strategy routes (only the fields it uses)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Generic, TypeVar

from pydantic import BaseModel

ItemT = TypeVar("ItemT")


class PlanningBannedTopic(BaseModel):
    name: str
    keywords: list[str]


class PlanningGuidelines(BaseModel):
    tone: str
    dos: list[str]
    donts: list[str]
    banned_words: list[str]
    banned_topics: list[PlanningBannedTopic]
    mandatory_disclaimers: list[str]


class PlanningPolicies(BaseModel):
    approval_policy: str
    late_post_mode: str
    late_window_minutes: int | None


class PlanningViolation(BaseModel):
    kind: str
    rule: str
    message: str
    start: int | None
    end: int | None


class PlanningGuidelineCheck(BaseModel):
    on_brand: bool
    violations: list[PlanningViolation]


class PlanningLocation(BaseModel):
    country: str
    region: str | None
    city: str | None


class PlanningBestHour(BaseModel):
    weekday: str | None
    time: str


class PlanningPersona(BaseModel):
    name: str
    description: str
    goals: list[str]
    pain_points: list[str]


class PlanningSegment(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    version: int
    name: str
    description: str
    age_min: int | None
    age_max: int | None
    locations: list[PlanningLocation]
    genders: list[str]
    interests: list[str]
    networks: list[str]
    preferred_formats: list[str]
    best_hours: list[PlanningBestHour]
    personas: list[PlanningPersona]


class PlanningHandle(BaseModel):
    network: str
    handle: str


class PlanningCompetitor(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    version: int
    name: str
    website: str | None
    handles: list[PlanningHandle]
    notes: str


class PlanningFinding(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    version: int
    summary: str
    source_date: date
    source_url: str | None
    tags: list[str]


class PlanningChannelPlan(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    version: int
    network: str
    rationale: str
    campaign_id: uuid.UUID | None
    segment_id: uuid.UUID | None
    objective_id: uuid.UUID | None


class PlanningTerms(BaseModel):
    summary: str
    fee_amount_minor: int | None
    fee_currency: str | None
    starts_on: date | None
    ends_on: date | None


class PlanningPartnership(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    version: int
    partner_name: str
    partner_kind: str
    terms: PlanningTerms
    partner_handles: list[PlanningHandle]
    campaign_ids: list[uuid.UUID]
    status: str


class PlanningItemPage(BaseModel, Generic[ItemT]):
    items: list[ItemT]
    next_after: uuid.UUID | None
