"""The brand freeze as publishing reports it, in REST and in GraphQL."""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry
from pydantic import BaseModel


class PublishingFreeze(BaseModel):
    brand_id: uuid.UUID
    frozen: bool
    frozen_at: datetime | None = None
    reason: str | None = None
    source: str | None = None
    source_event_id: str | None = None
    frozen_by: str | None = None
    resumed_at: datetime | None = None
    resumed_by: str | None = None


@strawberry.type(description="Whether publishing holds every scheduled post of the brand, since when and why.")
class BrandFreeze:
    brand_id: strawberry.ID
    frozen: bool
    frozen_at: datetime | None
    reason: str | None
    source: str | None = strawberry.field(description="manual, or the kind of event that froze it (e.g. a crisis).")
    source_event_id: str | None
    frozen_by: str | None
    resumed_at: datetime | None
    resumed_by: str | None

    @classmethod
    def of(cls, freeze: PublishingFreeze) -> BrandFreeze:
        return cls(
            brand_id=strawberry.ID(str(freeze.brand_id)),
            frozen=freeze.frozen,
            frozen_at=freeze.frozen_at,
            reason=freeze.reason,
            source=freeze.source,
            source_event_id=freeze.source_event_id,
            frozen_by=freeze.frozen_by,
            resumed_at=freeze.resumed_at,
            resumed_by=freeze.resumed_by,
        )
