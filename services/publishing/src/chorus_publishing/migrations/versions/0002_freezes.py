"""Brand freezes: a brand's publishing stopped by a crisis or by hand, until someone resumes it.

Revision ID: 0002_freezes
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from chorus_shared.db.rls import enable_tenant_rls

revision: str = "0002_freezes"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UUID = postgresql.UUID(as_uuid=True)


def upgrade() -> None:
    op.create_table(
        "brand_freezes",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant_id", UUID, nullable=False, index=True),
        sa.Column("brand_id", UUID, nullable=False, index=True),
        sa.Column("frozen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("source_event_id", sa.String(64), nullable=True),
        sa.Column("frozen_by", sa.String(200), nullable=False),
        sa.Column("lifted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lifted_by", sa.String(200), nullable=True),
    )
    op.create_index(
        "uq_brand_freezes_active_per_brand",
        "brand_freezes",
        ["tenant_id", "brand_id"],
        unique=True,
        postgresql_where=sa.text("lifted_at IS NULL"),
    )
    op.create_index(
        "uq_brand_freezes_source_event",
        "brand_freezes",
        ["tenant_id", "source_event_id"],
        unique=True,
        postgresql_where=sa.text("source_event_id IS NOT NULL"),
    )
    enable_tenant_rls("brand_freezes")


def downgrade() -> None:
    op.drop_table("brand_freezes")
