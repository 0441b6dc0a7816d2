"""Tables of the editorial calendar and the community managers' roadmap (revision 0004_calendar_roadmap).

Every table is tenant-scoped (RLS) and hangs off a brand. A task's checklist is JSONB: it is always read and
written with its task. A routine's occurrence is unique per (routine, local date): generation is idempotent.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, SmallInteger, String, Text, Time, UniqueConstraint
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from chorus_planning.adapters.orm import Base
from chorus_shared.db.base import TenantScoped, Timestamped


class _BrandOwned(TenantScoped, Timestamped):
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    brand_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), ForeignKey("brands.id"), index=True)


class ContentItemRow(_BrandOwned, Base):
    __tablename__ = "content_items"

    title: Mapped[str] = mapped_column(String(200))
    brief: Mapped[str] = mapped_column(Text)
    objective_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), nullable=True)
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), nullable=True)
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), nullable=True)
    channels: Mapped[list[str]] = mapped_column(ARRAY(String(16)))
    format: Mapped[str] = mapped_column(String(16))
    planned_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    planned_timezone: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    post_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), nullable=True)
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    network_post_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)


class RoutineRow(_BrandOwned, Base):
    __tablename__ = "routines"

    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    assignee_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    frequency: Mapped[str] = mapped_column(String(8))
    weekdays: Mapped[list[int]] = mapped_column(ARRAY(SmallInteger))
    local_time: Mapped[dt.time] = mapped_column(Time)
    steps: Mapped[list[str]] = mapped_column(JSONB)
    starts_on: Mapped[dt.date] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class RoadmapTaskRow(_BrandOwned, Base):
    __tablename__ = "roadmap_tasks"
    __table_args__ = (UniqueConstraint("routine_id", "occurrence_date"),)

    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    assignee_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), index=True)
    due_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), nullable=True)
    content_item_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("content_items.id"), nullable=True
    )
    steps: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(String(16))
    review_comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    routine_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), ForeignKey("routines.id"), nullable=True)
    occurrence_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
