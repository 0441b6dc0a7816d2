"""Objectives with KPI targets and measured progress; campaigns with budget lines and spend; the inbox.

Revision ID: 0003_objectives_campaigns
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from chorus_shared.db.rls import enable_tenant_rls
from chorus_shared.messaging.inbox import inbox_table

revision: str = "0003_objectives_campaigns"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UUID = postgresql.UUID(as_uuid=True)
TABLES = ("objectives", "kpi_targets", "kpi_progress", "campaigns", "campaign_budget_lines", "campaign_spend_entries")


def _tenant() -> sa.Column[object]:
    return sa.Column("tenant_id", UUID, nullable=False, index=True)


def _timestamps() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    ]


def upgrade() -> None:
    # The KPI progress consumer needs the inbox; other branches of planning's history may create it first.
    inbox_table(sa.MetaData()).create(op.get_bind(), checkfirst=True)
    _objectives()
    _campaigns()
    for table in TABLES:
        enable_tenant_rls(table)


def _objectives() -> None:
    op.create_table(
        "objectives",
        sa.Column("id", UUID, primary_key=True),
        _tenant(),
        sa.Column("brand_id", UUID, sa.ForeignKey("brands.id"), nullable=False, index=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        *_timestamps(),
        sa.CheckConstraint("period_start <= period_end", name="period_ordered"),
    )
    op.create_table(
        "kpi_targets",
        sa.Column("id", UUID, primary_key=True),
        _tenant(),
        sa.Column("objective_id", UUID, sa.ForeignKey("objectives.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("metric", sa.String(64), nullable=False),
        sa.Column("formula", sa.String(64), nullable=False),
        sa.Column("target", sa.Numeric(24, 6), nullable=False),
        sa.Column("direction", sa.String(16), nullable=False),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.CheckConstraint("target > 0", name="target_positive"),
        sa.CheckConstraint("period_start <= period_end", name="period_ordered"),
    )
    op.create_table(
        "kpi_progress",
        sa.Column("kpi_id", UUID, sa.ForeignKey("kpi_targets.id", ondelete="CASCADE"), primary_key=True),
        _tenant(),
        sa.Column("objective_id", UUID, nullable=False),
        sa.Column("value", sa.Numeric, nullable=False),
        sa.Column("period_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("period_end", sa.DateTime(timezone=True), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False),
    )


def _campaigns() -> None:
    op.create_table(
        "campaigns",
        sa.Column("id", UUID, primary_key=True),
        _tenant(),
        sa.Column("brand_id", UUID, sa.ForeignKey("brands.id"), nullable=False, index=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date, nullable=False),
        sa.Column("objective_ids", postgresql.ARRAY(UUID), nullable=False),
        sa.Column("channels", postgresql.ARRAY(sa.String(16)), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("budget", sa.BigInteger, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        *_timestamps(),
        sa.CheckConstraint("start_date <= end_date", name="dates_ordered"),
        sa.CheckConstraint("budget >= 0", name="budget_not_negative"),
    )
    op.create_table(
        "campaign_budget_lines",
        sa.Column("campaign_id", UUID, sa.ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("activity", sa.String(32), primary_key=True),
        _tenant(),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("spent", sa.BigInteger, nullable=False, server_default="0"),
        sa.CheckConstraint("amount >= 0", name="amount_not_negative"),
    )
    op.create_table(
        "campaign_spend_entries",
        sa.Column("id", UUID, primary_key=True),
        _tenant(),
        sa.Column("campaign_id", UUID, sa.ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("line", sa.String(32), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("spent_on", sa.Date, nullable=False),
        sa.Column("note", sa.String(500), nullable=False),
        sa.Column("recorded_by", sa.String(200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint("amount > 0", name="amount_positive"),
    )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
    # The inbox stays: other consumers of planning may use it.
