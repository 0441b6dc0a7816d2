"""Posts with their variants, history and comments; media assets; the brand rules publishing keeps.

Revision ID: 0004_posts
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from chorus_shared.db.rls import enable_tenant_rls

revision: str = "0004_posts"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UUID = postgresql.UUID(as_uuid=True)
JSONB = postgresql.JSONB
TABLES = ("posts", "post_variants", "post_history", "post_comments", "media_assets", "brand_rules")


def _tenant() -> sa.Column[object]:
    return sa.Column("tenant_id", UUID, nullable=False, index=True)


def _post_ref() -> sa.Column[object]:
    return sa.Column("post_id", UUID, sa.ForeignKey("posts.id", ondelete="CASCADE"), nullable=False, index=True)


def upgrade() -> None:
    op.create_table(
        "posts",
        sa.Column("id", UUID, primary_key=True),
        _tenant(),
        sa.Column("brand_id", UUID, nullable=False),
        sa.Column("campaign_id", UUID, nullable=True),
        sa.Column("content_item_id", UUID, nullable=True, index=True),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("planned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("scheduled_at", sa.DateTime(timezone=True), nullable=True, index=True),
    )
    op.create_index("ix_posts_brand_state", "posts", ["tenant_id", "brand_id", "state"])
    op.create_table(
        "post_variants",
        sa.Column("post_id", UUID, sa.ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        _tenant(),
        sa.Column("channel_id", UUID, nullable=True, index=True),
        sa.Column("network", sa.String(32), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("media", JSONB, nullable=False),
        sa.Column("link", sa.Text, nullable=True),
        sa.Column("thread", JSONB, nullable=False),
        sa.Column("first_comment", sa.Text, nullable=True),
        sa.Column("network_post_id", sa.String(200), nullable=True),
        sa.Column("url", sa.Text, nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "post_history",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        _tenant(),
        _post_ref(),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("from_state", sa.String(32), nullable=True),
        sa.Column("to_state", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
    )
    op.create_table(
        "post_comments",
        sa.Column("id", UUID, primary_key=True),
        _tenant(),
        _post_ref(),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "media_assets",
        sa.Column("id", UUID, primary_key=True),
        _tenant(),
        sa.Column("brand_id", UUID, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("mime_type", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("storage_key", sa.Text, nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("uploaded_by", sa.String(200), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("tenant_id", "brand_id", "sha256", name="uq_media_assets_tenant_id_brand_id_sha256"),
    )
    op.create_table(
        "brand_rules",
        sa.Column("brand_id", UUID, primary_key=True),
        _tenant(),
        sa.Column("guidelines", JSONB, nullable=False),
        sa.Column("guidelines_version", sa.Integer, nullable=False),
        sa.Column("approval_policy", sa.String(16), nullable=False),
        sa.Column("late_post_mode", sa.String(16), nullable=False),
        sa.Column("late_window_minutes", sa.Integer, nullable=True),
        sa.Column("policies_version", sa.Integer, nullable=False),
        sa.Column("utm_enabled", sa.Boolean, nullable=False),
        sa.Column("utm_medium", sa.String(100), nullable=False),
        sa.Column("utm_campaign_name", sa.String(200), nullable=True),
    )
    for table in TABLES:
        enable_tenant_rls(table)


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
