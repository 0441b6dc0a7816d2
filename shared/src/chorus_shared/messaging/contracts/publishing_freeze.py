"""Events the publishing service publishes when a brand's publishing queues are frozen or resumed."""

from __future__ import annotations

import uuid
from typing import ClassVar

from pydantic import AwareDatetime, Field

from chorus_shared.messaging.contracts.base import EventPayload


class BrandFrozenV1(EventPayload):
    """Nothing of this brand is published until it is resumed."""

    event_type: ClassVar[str] = "chorus.publishing.brand.frozen.v1"

    brand_id: uuid.UUID
    frozen_at: AwareDatetime
    reason: str = Field(min_length=1)
    source: str = Field(description="manual, agency, crisis_detected or crisis_incident")
    source_event_id: str | None = Field(default=None, description="CloudEvent id of the event that froze the brand.")
    frozen_by: str


class BrandResumedV1(EventPayload):
    event_type: ClassVar[str] = "chorus.publishing.brand.resumed.v1"

    brand_id: uuid.UUID
    frozen_at: AwareDatetime
    resumed_at: AwareDatetime
    resumed_by: str
