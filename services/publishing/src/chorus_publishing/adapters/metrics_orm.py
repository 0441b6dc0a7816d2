"""Metrics tables: schedules, snapshots and their values (RLS), and the schedule index the collectors claim from.

`metric_schedule_index` has no RLS on purpose: collectors claim due rows of every tenant from it (SKIP LOCKED, then
a lease). It holds ids, a due time and the current claim only; each claimed schedule is then read and written in a
transaction scoped to its tenant, where RLS applies again.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from chorus_publishing.adapters.orm import Base
from chorus_shared.db.base import TenantScoped


class MetricScheduleRow(TenantScoped, Base):
    __tablename__ = "metric_schedules"
    __table_args__ = (
        Index("uq_metric_schedules_post_channel", "tenant_id", "post_id", "channel_id", "network_post_id", unique=True),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    post_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    brand_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    channel_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), index=True)
    network: Mapped[str] = mapped_column(String(32))
    network_post_id: Mapped[str] = mapped_column(String(300))
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16))
    next_fetch_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_fetched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)


class MetricSnapshotRow(TenantScoped, Base):
    __tablename__ = "metric_snapshots"
    __table_args__ = (Index("ix_metric_snapshots_post_time", "tenant_id", "post_id", "fetched_at", "id"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    schedule_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), index=True)
    post_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    brand_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    channel_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    network: Mapped[str] = mapped_column(String(32))
    network_post_id: Mapped[str] = mapped_column(String(300))
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MetricValueRow(TenantScoped, Base):
    __tablename__ = "metric_values"

    snapshot_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("metric_snapshots.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    value: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # NULL: missing, never stored as 0
    api_field: Mapped[str] = mapped_column(String(200))


class MetricScheduleIndexRow(Base):
    __tablename__ = "metric_schedule_index"

    schedule_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    tenant_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    claim_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), nullable=True)
