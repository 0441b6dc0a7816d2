"""Tables of posts, their variants, history and comments, media assets and brand rules (RLS in 0004_posts)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from chorus_publishing.adapters.orm import Base
from chorus_shared.db.base import TenantScoped


class PostRow(TenantScoped, Base):
    __tablename__ = "posts"
    __table_args__ = (Index("ix_posts_brand_state", "tenant_id", "brand_id", "state"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    brand_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), nullable=True)
    content_item_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), nullable=True, index=True)
    state: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    planned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    scheduled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True, index=True)


class PostVariantRow(TenantScoped, Base):
    __tablename__ = "post_variants"

    post_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), nullable=True, index=True)
    network: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    media: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    link: Mapped[str | None] = mapped_column(Text, nullable=True)
    thread: Mapped[list[str]] = mapped_column(JSONB)
    first_comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    network_post_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # What did not go out after the variant was live: [{"step": ..., "reason": ...}] (revision 0007).
    shortfalls: Mapped[list[dict[str, str]]] = mapped_column(JSONB, server_default=sql_text("'[]'::jsonb"))


class PostHistoryRow(TenantScoped, Base):
    __tablename__ = "post_history"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    post_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    by: Mapped[str] = mapped_column(String(200))
    from_state: Mapped[str | None] = mapped_column(String(32), nullable=True)
    to_state: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class PostCommentRow(TenantScoped, Base):
    __tablename__ = "post_comments"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    post_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MediaAssetRow(TenantScoped, Base):
    __tablename__ = "media_assets"
    # One asset per content and brand: uploading the same file again returns the asset already there.
    __table_args__ = (UniqueConstraint("tenant_id", "brand_id", "sha256"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    brand_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    sha256: Mapped[str] = mapped_column(String(64))
    mime_type: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    size: Mapped[int] = mapped_column(BigInteger)
    storage_key: Mapped[str] = mapped_column(Text)
    filename: Mapped[str] = mapped_column(String(255))
    uploaded_by: Mapped[str] = mapped_column(String(200))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class BrandRulesRow(TenantScoped, Base):
    __tablename__ = "brand_rules"

    brand_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    guidelines: Mapped[dict[str, Any]] = mapped_column(JSONB)
    guidelines_version: Mapped[int] = mapped_column(Integer)
    approval_policy: Mapped[str] = mapped_column(String(16))
    late_post_mode: Mapped[str] = mapped_column(String(16))
    late_window_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    policies_version: Mapped[int] = mapped_column(Integer)
    utm_enabled: Mapped[bool] = mapped_column(Boolean)
    utm_medium: Mapped[str] = mapped_column(String(100))
    utm_campaign_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
