"""The brand freezes table (RLS in revision 0002_freezes).

Partial unique indexes keep one active freeze per brand and let one event freeze a brand at most once, ever.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, Index, String, Text, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from chorus_publishing.adapters.orm import Base
from chorus_shared.db.base import TenantScoped


class BrandFreezeRow(TenantScoped, Base):
    __tablename__ = "brand_freezes"
    __table_args__ = (
        Index(
            "uq_brand_freezes_active_per_brand",
            "tenant_id",
            "brand_id",
            unique=True,
            postgresql_where=text("lifted_at IS NULL"),
        ),
        Index(
            "uq_brand_freezes_source_event",
            "tenant_id",
            "source_event_id",
            unique=True,
            postgresql_where=text("source_event_id IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    brand_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), index=True)
    frozen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(32))
    source_event_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    frozen_by: Mapped[str] = mapped_column(String(200))
    lifted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    lifted_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
