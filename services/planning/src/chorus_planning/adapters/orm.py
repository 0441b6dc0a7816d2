"""Planning's tables. Every tenant table carries `tenant_id` and gets RLS in its migration."""

from __future__ import annotations

import uuid

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from chorus_shared.db.base import TenantScoped, Timestamped, new_metadata
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


outbox = outbox_table(Base.metadata)
