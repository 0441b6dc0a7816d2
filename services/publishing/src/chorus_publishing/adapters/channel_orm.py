"""Channel tables: channels and OAuth connect attempts (RLS), and the token index the background jobs read.

`channel_token_index` has no RLS on purpose: the refresher and the key rotation must find due rows of every
tenant. It holds ids, a time and a key id only, never a token; each row is then handled in a transaction scoped
to its tenant, where RLS applies again.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, Index, String, Text
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.orm import Mapped, mapped_column

from chorus_publishing.adapters.orm import Base
from chorus_shared.db.base import TenantScoped


class ChannelRow(TenantScoped, Base):
    __tablename__ = "channels"
    __table_args__ = (
        Index("uq_channels_account_per_brand", "tenant_id", "brand_id", "network", "account_id", unique=True),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    brand_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), index=True)
    network: Mapped[str] = mapped_column(String(32))
    account_id: Mapped[str] = mapped_column(String(300))
    display_name: Mapped[str] = mapped_column(String(200))
    instance_url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    status: Mapped[str] = mapped_column(String(16))
    scopes: Mapped[list[str]] = mapped_column(ARRAY(String(200)))
    token_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_refreshed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    refresh_due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    connected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    connected_by: Mapped[str] = mapped_column(String(200))
    disconnected_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    access_token_ciphertext: Mapped[str | None] = mapped_column(Text, nullable=True)
    refresh_token_ciphertext: Mapped[str | None] = mapped_column(Text, nullable=True)


class ConnectAttemptRow(TenantScoped, Base):
    __tablename__ = "channel_connect_attempts"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    state_hash: Mapped[str] = mapped_column(String(64), unique=True)
    brand_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    network: Mapped[str] = mapped_column(String(32))
    verifier_ciphertext: Mapped[str] = mapped_column(Text)
    started_by: Mapped[str] = mapped_column(String(200))
    channel_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ChannelTokenIndexRow(Base):
    __tablename__ = "channel_token_index"

    channel_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    tenant_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    refresh_due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True, index=True)
    key_id: Mapped[str] = mapped_column(String(64), index=True)
