"""REST shapes of a brand's strategy items. Create bodies are full; update bodies have every field optional and
are merged over the current values before the domain validates them."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

_LIST = 200  # transport limit only: the domain gives the precise, field-level answer
_TEXT = 20_000


class LocationBody(BaseModel):
    country: str = Field(max_length=10, examples=["FR"])
    region: str | None = Field(default=None, max_length=_TEXT)
    city: str | None = Field(default=None, max_length=_TEXT)


class BestHourBody(BaseModel):
    weekday: str | None = Field(default=None, examples=["sat"], description="mon..sun; empty means every day.")
    time: str = Field(max_length=16, examples=["18:30"], description="Local time in the brand's timezone.")


class PersonaBody(BaseModel):
    name: str = Field(max_length=_TEXT)
    description: str = Field(default="", max_length=_TEXT)
    goals: list[str] = Field(default_factory=list, max_length=_LIST)
    pain_points: list[str] = Field(default_factory=list, max_length=_LIST)


class SegmentBody(BaseModel):
    name: str = Field(max_length=_TEXT)
    description: str = Field(default="", max_length=_TEXT)
    age_min: int | None = None
    age_max: int | None = None
    locations: list[LocationBody] = Field(default_factory=list, max_length=_LIST)
    genders: list[str] = Field(default_factory=list, max_length=_LIST, description="female, male, non_binary.")
    interests: list[str] = Field(default_factory=list, max_length=_LIST)
    networks: list[str] = Field(default_factory=list, max_length=_LIST, examples=[["instagram", "tiktok"]])
    preferred_formats: list[str] = Field(default_factory=list, max_length=_LIST, examples=[["short_video"]])
    best_hours: list[BestHourBody] = Field(default_factory=list, max_length=_LIST)
    personas: list[PersonaBody] = Field(default_factory=list, max_length=_LIST)


class SegmentPatch(BaseModel):
    name: str | None = Field(default=None, max_length=_TEXT)
    description: str | None = Field(default=None, max_length=_TEXT)
    age_min: int | None = None
    age_max: int | None = None
    locations: list[LocationBody] | None = Field(default=None, max_length=_LIST)
    genders: list[str] | None = Field(default=None, max_length=_LIST)
    interests: list[str] | None = Field(default=None, max_length=_LIST)
    networks: list[str] | None = Field(default=None, max_length=_LIST)
    preferred_formats: list[str] | None = Field(default=None, max_length=_LIST)
    best_hours: list[BestHourBody] | None = Field(default=None, max_length=_LIST)
    personas: list[PersonaBody] | None = Field(default=None, max_length=_LIST)


class HandleBody(BaseModel):
    network: str = Field(max_length=32, examples=["mastodon"])
    handle: str = Field(max_length=500, examples=["acme@mastodon.social"])


class CompetitorBody(BaseModel):
    name: str = Field(max_length=_TEXT)
    website: str | None = Field(default=None, max_length=_TEXT)
    handles: list[HandleBody] = Field(default_factory=list, max_length=_LIST)
    notes: str = Field(default="", max_length=_TEXT)


class CompetitorPatch(BaseModel):
    name: str | None = Field(default=None, max_length=_TEXT)
    website: str | None = Field(default=None, max_length=_TEXT)
    handles: list[HandleBody] | None = Field(default=None, max_length=_LIST)
    notes: str | None = Field(default=None, max_length=_TEXT)


class FindingBody(BaseModel):
    summary: str = Field(max_length=_TEXT)
    source_date: dt.date
    source_url: str | None = Field(default=None, max_length=_TEXT)
    tags: list[str] = Field(default_factory=list, max_length=_LIST)


class FindingPatch(BaseModel):
    summary: str | None = Field(default=None, max_length=_TEXT)
    source_date: dt.date | None = None
    source_url: str | None = Field(default=None, max_length=_TEXT)
    tags: list[str] | None = Field(default=None, max_length=_LIST)


class ChannelPlanBody(BaseModel):
    network: str = Field(max_length=32, examples=["linkedin"])
    rationale: str = Field(max_length=_TEXT, examples=["Decision makers of our B2B segment read LinkedIn daily."])
    campaign_id: uuid.UUID | None = None
    segment_id: uuid.UUID | None = None
    objective_id: uuid.UUID | None = None


class ChannelPlanPatch(BaseModel):
    network: str | None = Field(default=None, max_length=32)
    rationale: str | None = Field(default=None, max_length=_TEXT)
    campaign_id: uuid.UUID | None = None
    segment_id: uuid.UUID | None = None
    objective_id: uuid.UUID | None = None


class TermsBody(BaseModel):
    summary: str = Field(default="", max_length=_TEXT)
    fee_amount_minor: int | None = Field(default=None, description="Integer minor units (cents).")
    fee_currency: str | None = Field(default=None, max_length=10, examples=["EUR"])
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None


class PartnershipBody(BaseModel):
    partner_name: str = Field(max_length=_TEXT)
    partner_kind: str = Field(max_length=32, description="brand or creator.")
    terms: TermsBody = Field(default_factory=TermsBody)
    partner_handles: list[HandleBody] = Field(default_factory=list, max_length=_LIST)
    campaign_ids: list[uuid.UUID] = Field(default_factory=list, max_length=_LIST)


class PartnershipPatch(BaseModel):
    partner_name: str | None = Field(default=None, max_length=_TEXT)
    partner_kind: str | None = Field(default=None, max_length=32)
    terms: TermsBody | None = None
    partner_handles: list[HandleBody] | None = Field(default=None, max_length=_LIST)
    campaign_ids: list[uuid.UUID] | None = Field(default=None, max_length=_LIST)


class StatusChange(BaseModel):
    status: str = Field(max_length=32, description="prospect, negotiating, active or ended.")
    note: str = Field(default="", max_length=_TEXT)


class ItemRead(BaseModel):
    """A strategy item: its identity and version, then its fields exactly as the item's events carry them."""

    model_config = ConfigDict(extra="allow")

    id: uuid.UUID
    brand_id: uuid.UUID
    version: int

    @classmethod
    def of(cls, item: Any) -> ItemRead:
        snapshot = dict(item.snapshot())
        snapshot.pop(item.id_field)
        return cls(id=item.id, **snapshot)


class ItemPage(BaseModel):
    items: list[ItemRead]
    next_after: uuid.UUID | None
