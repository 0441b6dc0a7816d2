"""Crisis playbooks and crisis incidents, and the inbox planning's consumers need.

Revision ID: 0005_crisis
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from chorus_shared.db.rls import enable_tenant_rls
from chorus_shared.messaging.inbox import inbox_table

revision: str = "0005_crisis"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UUID = postgresql.UUID(as_uuid=True)
JSONB = postgresql.JSONB()


def _timestamps() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    ]


def upgrade() -> None:
    # Other branches of planning's history may also need the inbox: whoever runs first creates it.
    inbox_table(sa.MetaData()).create(op.get_bind(), checkfirst=True)
    op.create_table(
        "crisis_playbooks",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant_id", UUID, nullable=False, index=True),
        sa.Column("brand_id", UUID, sa.ForeignKey("brands.id"), nullable=False, index=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("scenario", sa.String(32), nullable=False),
        sa.Column("custom_scenario", sa.String(120), nullable=True),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("trigger", JSONB, nullable=False),
        sa.Column("steps", JSONB, nullable=False),
        sa.Column("holding_statements", JSONB, nullable=False, server_default="[]"),
        sa.Column("contacts", JSONB, nullable=False, server_default="[]"),
        sa.Column("freeze_publishing", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("notify_contacts", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("archived", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        *_timestamps(),
    )
    enable_tenant_rls("crisis_playbooks")
    op.create_table(
        "crisis_incidents",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant_id", UUID, nullable=False, index=True),
        sa.Column("brand_id", UUID, sa.ForeignKey("brands.id"), nullable=False, index=True),
        sa.Column("playbook_id", UUID, sa.ForeignKey("crisis_playbooks.id"), nullable=True),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_by", sa.String(200), nullable=False),
        sa.Column("freeze_publishing", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("detection_event_id", sa.String(64), nullable=True),
        sa.Column("checklist", JSONB, nullable=False, server_default="[]"),
        sa.Column("timeline", JSONB, nullable=False, server_default="[]"),
        sa.Column("contacts", JSONB, nullable=False, server_default="[]"),
        sa.Column("holding_statements", JSONB, nullable=False, server_default="[]"),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(200), nullable=True),
        sa.Column("post_mortem", JSONB, nullable=True),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        *_timestamps(),
    )
    op.create_index(
        "uq_crisis_incidents_open_per_brand",
        "crisis_incidents",
        ["tenant_id", "brand_id"],
        unique=True,
        postgresql_where=sa.text("closed_at IS NULL"),
    )
    enable_tenant_rls("crisis_incidents")


def downgrade() -> None:
    op.drop_table("crisis_incidents")
    op.drop_table("crisis_playbooks")
    # The inbox stays: other consumers of planning use it too.
