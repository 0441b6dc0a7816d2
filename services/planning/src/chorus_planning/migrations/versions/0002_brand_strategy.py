"""A brand's voice, guidelines and policies; its market research, channel strategy and partnerships.

Revision ID: 0002_brand_strategy
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from chorus_shared.db.rls import enable_tenant_rls

revision: str = "0002_brand_strategy"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UUID = postgresql.UUID(as_uuid=True)
JSONB = postgresql.JSONB()


def _brand_owned(table: str, *columns: sa.schema.SchemaItem) -> None:
    op.create_table(
        table,
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant_id", UUID, nullable=False, index=True),
        sa.Column("brand_id", UUID, sa.ForeignKey("brands.id"), nullable=False, index=True),
        *columns,
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    enable_tenant_rls(table)


def _empty_list() -> sa.TextClause:
    return sa.text("'[]'::jsonb")


def upgrade() -> None:
    op.add_column("brands", sa.Column("client_name", sa.String(200), nullable=True))
    op.add_column("brands", sa.Column("guidelines", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")))
    op.add_column("brands", sa.Column("approval_policy", sa.String(16), nullable=False, server_default="internal"))
    op.add_column("brands", sa.Column("late_post_mode", sa.String(16), nullable=False, server_default="publish_late"))
    op.add_column("brands", sa.Column("late_window_minutes", sa.Integer, nullable=True, server_default="15"))
    op.create_check_constraint(
        "late_window_matches_mode",
        "brands",
        "(late_post_mode = 'publish_late' AND late_window_minutes BETWEEN 1 AND 1440)"
        " OR (late_post_mode = 'mark_missed' AND late_window_minutes IS NULL)",
    )
    _brand_owned(
        "audience_segments",
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("age_min", sa.Integer, nullable=True),
        sa.Column("age_max", sa.Integer, nullable=True),
        sa.Column("locations", JSONB, nullable=False, server_default=_empty_list()),
        sa.Column("genders", postgresql.ARRAY(sa.String(16)), nullable=False, server_default="{}"),
        sa.Column("interests", postgresql.ARRAY(sa.String(100)), nullable=False, server_default="{}"),
        sa.Column("networks", postgresql.ARRAY(sa.String(16)), nullable=False, server_default="{}"),
        sa.Column("preferred_formats", postgresql.ARRAY(sa.String(32)), nullable=False, server_default="{}"),
        sa.Column("best_hours", JSONB, nullable=False, server_default=_empty_list()),
        sa.Column("personas", JSONB, nullable=False, server_default=_empty_list()),
        sa.CheckConstraint("age_min IS NULL OR age_max IS NULL OR age_min <= age_max", name="age_range_ordered"),
    )
    _brand_owned(
        "competitors",
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("website", sa.String(2048), nullable=True),
        sa.Column("handles", JSONB, nullable=False, server_default=_empty_list()),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
    )
    _brand_owned(
        "research_findings",
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("source_url", sa.String(2048), nullable=True),
        sa.Column("source_date", sa.Date, nullable=False),
        sa.Column("tags", postgresql.ARRAY(sa.String(40)), nullable=False, server_default="{}"),
    )
    _brand_owned(
        "channel_plans",
        sa.Column("campaign_id", UUID, nullable=True, index=True),
        sa.Column("network", sa.String(16), nullable=False),
        sa.Column("segment_id", UUID, sa.ForeignKey("audience_segments.id"), nullable=True, index=True),
        sa.Column("objective_id", UUID, nullable=True),
        sa.Column("rationale", sa.Text, nullable=False),
    )
    _brand_owned(
        "partnerships",
        sa.Column("partner_name", sa.String(200), nullable=False),
        sa.Column("partner_kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("terms", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.Column("partner_handles", JSONB, nullable=False, server_default=_empty_list()),
        sa.Column("campaign_ids", postgresql.ARRAY(UUID), nullable=False, server_default="{}"),
    )


def downgrade() -> None:
    for table in ("partnerships", "channel_plans", "research_findings", "competitors", "audience_segments"):
        op.drop_table(table)
    op.drop_constraint("ck_brands_late_window_matches_mode", "brands", type_="check")
    for column in ("late_window_minutes", "late_post_mode", "approval_policy", "guidelines", "client_name"):
        op.drop_column("brands", column)
