"""Channels (a brand's connected accounts, tokens encrypted), OAuth connect attempts, and the token index.

Revision ID: 0003_channels
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from chorus_shared.db.rls import enable_tenant_rls

revision: str = "0003_channels"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UUID = postgresql.UUID(as_uuid=True)
WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "channels",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant_id", UUID, nullable=False, index=True),
        sa.Column("brand_id", UUID, nullable=False, index=True),
        sa.Column("network", sa.String(32), nullable=False),
        sa.Column("account_id", sa.String(300), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("instance_url", sa.String(500), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("scopes", postgresql.ARRAY(sa.String(200)), nullable=False),
        sa.Column("token_expires_at", WHEN, nullable=True),
        sa.Column("last_refreshed_at", WHEN, nullable=True),
        sa.Column("refresh_due_at", WHEN, nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("connected_at", WHEN, nullable=False),
        sa.Column("connected_by", sa.String(200), nullable=False),
        sa.Column("disconnected_at", WHEN, nullable=True),
        sa.Column("access_token_ciphertext", sa.Text, nullable=True),
        sa.Column("refresh_token_ciphertext", sa.Text, nullable=True),
    )
    op.create_index(
        "uq_channels_account_per_brand", "channels", ["tenant_id", "brand_id", "network", "account_id"], unique=True
    )
    enable_tenant_rls("channels")
    op.create_table(
        "channel_connect_attempts",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant_id", UUID, nullable=False, index=True),
        sa.Column("state_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("brand_id", UUID, nullable=False),
        sa.Column("network", sa.String(32), nullable=False),
        sa.Column("verifier_ciphertext", sa.Text, nullable=False),
        sa.Column("started_by", sa.String(200), nullable=False),
        sa.Column("channel_id", UUID, nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("expires_at", WHEN, nullable=False),
        sa.Column("used_at", WHEN, nullable=True),
    )
    enable_tenant_rls("channel_connect_attempts")
    # No RLS: ids, a due time and a key id, read across tenants by the refresher and the key rotation.
    op.create_table(
        "channel_token_index",
        sa.Column("channel_id", UUID, primary_key=True),
        sa.Column("tenant_id", UUID, nullable=False),
        sa.Column("refresh_due_at", WHEN, nullable=True, index=True),
        sa.Column("key_id", sa.String(64), nullable=False, index=True),
    )


def downgrade() -> None:
    op.drop_table("channel_token_index")
    op.drop_table("channel_connect_attempts")
    op.drop_table("channels")
