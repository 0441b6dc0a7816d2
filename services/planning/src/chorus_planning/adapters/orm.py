"""Planning's tables. Every tenant table carries `tenant_id` and gets RLS in its migration."""

from __future__ import annotations

import uuid

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from chorus_shared.db.base import TenantScoped, Timestamped, new_metadata
from chorus_shared.messaging.inbox import inbox_table
from chorus_shared.messaging.outbox_table import outbox_table


class Base(DeclarativeBase):
    metadata = new_metadata()


class BrandRow(TenantScoped, Timestamped, Base):
    __tablename__ = "brands"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64))
    languages: Mapped[list[str]] = mapped_column(ARRAY(String(35)))
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The brand's voice and publishing policies (revision 0002_brand_strategy).
    client_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    guidelines: Mapped[dict[str, object]] = mapped_column(JSONB, default=dict)
    approval_policy: Mapped[str] = mapped_column(String(16), default="internal")
    late_post_mode: Mapped[str] = mapped_column(String(16), default="publish_late")
    late_window_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True, default=15)


outbox = outbox_table(Base.metadata)
# Planning's consumers (publishing's post events, ...) share one inbox (created in revision 0004_calendar_roadmap).
inbox = inbox_table(Base.metadata)
