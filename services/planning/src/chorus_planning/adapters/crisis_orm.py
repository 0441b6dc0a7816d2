"""Tables of crisis playbooks and crisis incidents (RLS in revision 0005_crisis).

Steps, statements, contacts, the checklist and the timeline are JSONB: always read and written with their owner.
A partial unique index keeps at most one open incident per brand, even with two detections racing.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from chorus_planning.adapters.orm import Base
from chorus_shared.db.base import TenantScoped, Timestamped

Json = list[dict[str, Any]]


class CrisisPlaybookRow(TenantScoped, Timestamped, Base):
    __tablename__ = "crisis_playbooks"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    brand_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), ForeignKey("brands.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    scenario: Mapped[str] = mapped_column(String(32))
    custom_scenario: Mapped[str | None] = mapped_column(String(120), nullable=True)
    severity: Mapped[str] = mapped_column(String(16))
    trigger: Mapped[dict[str, Any]] = mapped_column(JSONB)
    steps: Mapped[Json] = mapped_column(JSONB)
    holding_statements: Mapped[Json] = mapped_column(JSONB, default=list)
    contacts: Mapped[Json] = mapped_column(JSONB, default=list)
    freeze_publishing: Mapped[bool] = mapped_column(Boolean, default=False)
    notify_contacts: Mapped[bool] = mapped_column(Boolean, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)


class CrisisIncidentRow(TenantScoped, Timestamped, Base):
    __tablename__ = "crisis_incidents"
    __table_args__ = (
        Index(
            "uq_crisis_incidents_open_per_brand",
            "tenant_id",
            "brand_id",
            unique=True,
            postgresql_where=text("closed_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    brand_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), ForeignKey("brands.id"), index=True)
    playbook_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("crisis_playbooks.id"), nullable=True
    )
    severity: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    opened_by: Mapped[str] = mapped_column(String(200))
    freeze_publishing: Mapped[bool] = mapped_column(Boolean, default=False)
    detection_event_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    checklist: Mapped[Json] = mapped_column(JSONB, default=list)
    timeline: Mapped[Json] = mapped_column(JSONB, default=list)
    contacts: Mapped[Json] = mapped_column(JSONB, default=list)
    holding_statements: Mapped[Json] = mapped_column(JSONB, default=list)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    closed_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    post_mortem: Mapped[dict[str, Any] | None] = mapped_column(JSONB, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
