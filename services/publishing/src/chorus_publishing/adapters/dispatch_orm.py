"""Tables of queues and the dispatcher (RLS and the freeze trigger in revision 0005_dispatch).

`publications` is the tenant's record of what is sent where and when; `dispatch_queue` is the cross-tenant work
index the dispatcher claims from (ids and times only, no content, like the outbox), and `rate_windows` the
shared per-account and per-network request counters.
"""

from __future__ import annotations

import uuid
from datetime import datetime, time
from typing import Any

from sqlalchemy import Boolean, DateTime, Index, Integer, SmallInteger, String, Text, Time, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from chorus_publishing.adapters.orm import Base
from chorus_shared.db.base import TenantScoped


class QueueSlotRow(TenantScoped, Base):
    __tablename__ = "queue_slots"
    __table_args__ = (UniqueConstraint("channel_id", "weekday", "local_time", name="uq_queue_slots_channel_time"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    brand_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), index=True)
    channel_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), index=True)
    weekday: Mapped[int] = mapped_column(SmallInteger)  # 0 = Monday, as datetime.weekday()
    local_time: Mapped[time] = mapped_column(Time)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PublicationRow(TenantScoped, Base):
    """Pages keep a fifth free (fillfactor 80, revision 0008): a dispatch's updates stay on the row's page."""

    __tablename__ = "publications"
    __table_args__ = (Index("ix_publications_channel_due", "channel_id", "due_at"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    brand_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), index=True)
    post_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), index=True)
    variant_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    channel_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    network: Mapped[str] = mapped_column(String(32))
    content: Mapped[dict[str, Any]] = mapped_column(JSONB)
    timing: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    first_due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    state: Mapped[str] = mapped_column(String(16))
    hold_reason: Mapped[str | None] = mapped_column(String(32), nullable=True)
    needs_decision: Mapped[bool] = mapped_column(Boolean, default=False)
    lease_owner: Mapped[str | None] = mapped_column(String(80), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(80), nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    network_post_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    network_post_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PublicationAttemptRow(TenantScoped, Base):
    """Pages keep three tenths free (fillfactor 70, revision 0009): recording the answer stays on the row's page."""

    __tablename__ = "publication_attempts"
    __table_args__ = (UniqueConstraint("idempotency_key", name="uq_publication_attempts_key"),)

    # Read by publication or by key only: no tenant_id index (revision 0008), row-level security filters the rows.
    tenant_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    publication_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), index=True)
    number: Mapped[int] = mapped_column(Integer)
    idempotency_key: Mapped[str] = mapped_column(String(80))
    worker: Mapped[str] = mapped_column(String(80))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    outcome: Mapped[str] = mapped_column(String(24))  # in_flight until the result is recorded
    response_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    # A published attempt's steps that did not go out: [{"step": ..., "reason": ...}] (revision 0007).
    shortfalls: Mapped[list[dict[str, str]]] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))


class PublicationHistoryRow(TenantScoped, Base):
    __tablename__ = "publication_history"

    # Read by publication only: no tenant_id index (revision 0008), row-level security filters the rows.
    tenant_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    publication_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    state: Mapped[str] = mapped_column(String(16))
    by: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class DispatchQueueRow(Base):
    """Not a tenant table on purpose: the dispatcher claims across agencies. It holds ids and times only."""

    __tablename__ = "dispatch_queue"
    __table_args__ = (Index("ix_dispatch_queue_phase_run_at", "phase", "run_at"),)

    publication_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    tenant_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    brand_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    phase: Mapped[str] = mapped_column(String(16))
    run_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    lease_owner: Mapped[str | None] = mapped_column(String(80), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class RateWindowRow(Base):
    """One fixed window per limited scope (`account:<network>:<channel>` or `network:<network>`)."""

    __tablename__ = "rate_windows"

    scope: Mapped[str] = mapped_column(String(160), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used: Mapped[int] = mapped_column(Integer)
