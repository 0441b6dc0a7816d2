"""The editorial calendar's content items, the community managers' roadmap tasks and routines, and the inbox.

Revision ID: 0004_calendar_roadmap
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy import MetaData
from sqlalchemy.dialects import postgresql

from chorus_shared.db.rls import enable_tenant_rls
from chorus_shared.messaging.inbox import inbox_table

revision: str = "0004_calendar_roadmap"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UUID = postgresql.UUID(as_uuid=True)


def _brand_owned(table: str, *columns: sa.Column[object] | sa.Constraint) -> None:
    op.create_table(
        table,
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant_id", UUID, nullable=False, index=True),
        sa.Column("brand_id", UUID, sa.ForeignKey("brands.id"), nullable=False, index=True),
        *columns,
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    enable_tenant_rls(table)


def upgrade() -> None:
    _brand_owned(
        "content_items",
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("brief", sa.Text, nullable=False, server_default=""),
        sa.Column("objective_id", UUID, nullable=True),
        sa.Column("campaign_id", UUID, nullable=True),
        sa.Column("assignee_id", UUID, nullable=True),
        sa.Column("channels", postgresql.ARRAY(sa.String(16)), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("planned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("planned_timezone", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("post_id", UUID, nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("network_post_url", sa.Text, nullable=True),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    # The calendar reads a brand's items between two instants.
    op.create_index("ix_content_items_brand_planned_at", "content_items", ["brand_id", "planned_at"])
    _brand_owned(
        "routines",
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("assignee_id", UUID, nullable=False),
        sa.Column("frequency", sa.String(8), nullable=False),
        sa.Column("weekdays", postgresql.ARRAY(sa.SmallInteger), nullable=False),
        sa.Column("local_time", sa.Time, nullable=False),
        sa.Column("steps", postgresql.JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    )
    _brand_owned(
        "roadmap_tasks",
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("assignee_id", UUID, nullable=False, index=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("campaign_id", UUID, nullable=True),
        sa.Column("content_item_id", UUID, sa.ForeignKey("content_items.id"), nullable=True),
        sa.Column("steps", postgresql.JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("review_comment", sa.Text, nullable=True),
        sa.Column("routine_id", UUID, sa.ForeignKey("routines.id"), nullable=True),
        sa.Column("occurrence_date", sa.Date, nullable=True),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.UniqueConstraint("routine_id", "occurrence_date", name="uq_roadmap_tasks_routine_id_occurrence_date"),
    )
    # Planning's consumers (publishing's post events here; other areas' too) share one inbox; another branch of
    # this history may have made it already.
    inbox_table(MetaData()).create(op.get_bind(), checkfirst=True)


def downgrade() -> None:
    # The inbox stays: other consumers of planning may use it.
    op.drop_table("roadmap_tasks")
    op.drop_table("routines")
    op.drop_table("content_items")
