"""The REST shapes the gateway reads from planning and publishing (only the fields it uses)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel

from chorus_gateway.graphql.brand_strategy.rest import PlanningGuidelines, PlanningPolicies


class PlanningBrand(BaseModel):
    id: uuid.UUID
    name: str
    timezone: str
    languages: list[str]
    archived: bool
    version: int
    client_name: str | None
    guidelines: PlanningGuidelines
    policies: PlanningPolicies


class PlanningBrandPage(BaseModel):
    items: list[PlanningBrand]
    next_after: uuid.UUID | None


class PublishingBrand(BaseModel):
    brand_id: uuid.UUID
    name: str
    timezone: str
    languages: list[str]
    archived: bool
    synced_at: datetime
