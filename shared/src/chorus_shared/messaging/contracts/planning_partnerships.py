"""Events about a brand's partnerships with other brands or creators on `chorus.planning`."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from chorus_shared.messaging.contracts.base import EventPayload


class PartnerKind(StrEnum):
    BRAND = "brand"
    CREATOR = "creator"


class PartnershipStatus(StrEnum):
    PROSPECT = "prospect"
    NEGOTIATING = "negotiating"
    ACTIVE = "active"
    ENDED = "ended"


class PartnershipTermsData(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    summary: str = ""
    fee_amount_minor: int | None = Field(default=None, ge=0, description="Integer minor units of fee_currency.")
    fee_currency: str | None = Field(default=None, description="ISO 4217 code.")
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None


class PartnerHandleData(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    network: str
    handle: str


class PartnershipSnapshot(EventPayload):
    partnership_id: uuid.UUID
    brand_id: uuid.UUID
    partner_name: str
    partner_kind: PartnerKind
    status: PartnershipStatus
    terms: PartnershipTermsData
    partner_handles: list[PartnerHandleData] = Field(default_factory=list)
    campaign_ids: list[uuid.UUID] = Field(default_factory=list)
    version: int = Field(ge=1)


class PartnershipCreatedV1(PartnershipSnapshot):
    event_type: ClassVar[str] = "chorus.planning.partnership.created.v1"


class PartnershipUpdatedV1(PartnershipSnapshot):
    """Name, terms, handles or linked campaigns changed (status changes have their own event)."""

    event_type: ClassVar[str] = "chorus.planning.partnership.updated.v1"


class PartnershipStatusChangedV1(EventPayload):
    event_type: ClassVar[str] = "chorus.planning.partnership.status_changed.v1"

    partnership_id: uuid.UUID
    brand_id: uuid.UUID
    status: PartnershipStatus
    previous_status: PartnershipStatus
    note: str = ""
