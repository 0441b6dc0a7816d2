"""Tables of a brand's strategy: audience segments, competitors, research findings, channel plans, partnerships.

Every table is tenant-scoped (RLS in revision 0002_brand_strategy) and hangs off a brand. Nested value lists
(locations, personas, handles, terms) are JSONB: they are always read and written with their owner.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from chorus_planning.adapters.orm import Base
from chorus_shared.db.base import TenantScoped, Timestamped

Json = list[dict[str, Any]]


class _BrandOwned(TenantScoped, Timestamped):
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    brand_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), ForeignKey("brands.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)


class AudienceSegmentRow(_BrandOwned, Base):
    __tablename__ = "audience_segments"

    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    age_min: Mapped[int | None] = mapped_column(Integer, nullable=True)
    age_max: Mapped[int | None] = mapped_column(Integer, nullable=True)
    locations: Mapped[Json] = mapped_column(JSONB, default=list)
    genders: Mapped[list[str]] = mapped_column(ARRAY(String(16)), default=list)
    interests: Mapped[list[str]] = mapped_column(ARRAY(String(100)), default=list)
    networks: Mapped[list[str]] = mapped_column(ARRAY(String(16)), default=list)
    preferred_formats: Mapped[list[str]] = mapped_column(ARRAY(String(32)), default=list)
    best_hours: Mapped[Json] = mapped_column(JSONB, default=list)
    personas: Mapped[Json] = mapped_column(JSONB, default=list)


class CompetitorRow(_BrandOwned, Base):
    __tablename__ = "competitors"

    name: Mapped[str] = mapped_column(String(120))
    website: Mapped[str | None] = mapped_column(String(2048), nullable=True)
    handles: Mapped[Json] = mapped_column(JSONB, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")


class ResearchFindingRow(_BrandOwned, Base):
    __tablename__ = "research_findings"

    summary: Mapped[str] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(String(2048), nullable=True)
    source_date: Mapped[dt.date] = mapped_column(Date)
    tags: Mapped[list[str]] = mapped_column(ARRAY(String(40)), default=list)


class ChannelPlanRow(_BrandOwned, Base):
    __tablename__ = "channel_plans"

    campaign_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), nullable=True, index=True)
    network: Mapped[str] = mapped_column(String(16))
    segment_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("audience_segments.id"), nullable=True, index=True
    )
    objective_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), nullable=True)
    rationale: Mapped[str] = mapped_column(Text)


class PartnershipRow(_BrandOwned, Base):
    __tablename__ = "partnerships"

    partner_name: Mapped[str] = mapped_column(String(200))
    partner_kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    terms: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    partner_handles: Mapped[Json] = mapped_column(JSONB, default=list)
    campaign_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(UUID(as_uuid=True)), default=list)
