"""Metrics of published posts: schedules, snapshots with their values, and the cross-tenant schedule index.

Revision ID: 0006_metrics
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from chorus_shared.db.rls import enable_tenant_rls

revision: str = "0006_metrics"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UUID = postgresql.UUID(as_uuid=True)
WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "metric_schedules",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant_id", UUID, nullable=False, index=True),
        sa.Column("post_id", UUID, nullable=False),
        sa.Column("brand_id", UUID, nullable=False),
        sa.Column("channel_id", UUID, nullable=False, index=True),
        sa.Column("network", sa.String(32), nullable=False),
        sa.Column("network_post_id", sa.String(300), nullable=False),
        sa.Column("published_at", WHEN, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("next_fetch_at", WHEN, nullable=True),
        sa.Column("last_fetched_at", WHEN, nullable=True),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text, nullable=True),
    )
    op.create_index(
        "uq_metric_schedules_post_channel",
        "metric_schedules",
        ["tenant_id", "post_id", "channel_id", "network_post_id"],
        unique=True,
    )
    enable_tenant_rls("metric_schedules")
    op.create_table(
        "metric_snapshots",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant_id", UUID, nullable=False, index=True),
        sa.Column("schedule_id", UUID, nullable=False, index=True),
        sa.Column("post_id", UUID, nullable=False),
        sa.Column("brand_id", UUID, nullable=False),
        sa.Column("channel_id", UUID, nullable=False),
        sa.Column("network", sa.String(32), nullable=False),
        sa.Column("network_post_id", sa.String(300), nullable=False),
        sa.Column("fetched_at", WHEN, nullable=False),
    )
    op.create_index("ix_metric_snapshots_post_time", "metric_snapshots", ["tenant_id", "post_id", "fetched_at", "id"])
    enable_tenant_rls("metric_snapshots")
    op.create_table(
        "metric_values",
        sa.Column("snapshot_id", UUID, sa.ForeignKey("metric_snapshots.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("tenant_id", UUID, nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("value", sa.BigInteger, nullable=True),
        sa.Column("api_field", sa.String(200), nullable=False),
    )
    enable_tenant_rls("metric_values")
    # No RLS: ids, a due time and a claim, read across tenants by the metrics collectors.
    op.create_table(
        "metric_schedule_index",
        sa.Column("schedule_id", UUID, primary_key=True),
        sa.Column("tenant_id", UUID, nullable=False),
        sa.Column("due_at", WHEN, nullable=False, index=True),
        sa.Column("claim_id", UUID, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("metric_schedule_index")
    op.drop_table("metric_values")
    op.drop_table("metric_snapshots")
    op.drop_table("metric_schedules")
