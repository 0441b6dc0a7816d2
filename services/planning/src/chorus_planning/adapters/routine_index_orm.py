"""The routine index table (no RLS): which tenant's routine is next due for generating its occurrences."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from chorus_planning.adapters.orm import Base


class RoutineIndexRow(Base):
    __tablename__ = "routine_index"

    routine_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    tenant_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    next_generation_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
