"""Spend entries name their source, and reported spend its reference there, recorded once per tenant.

Revision ID: 0007_reported_spend
Revises: 0003_objectives_campaigns
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_reported_spend"
down_revision: str | None = "0003_objectives_campaigns"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("campaign_spend_entries", sa.Column("source", sa.String(64), nullable=False, server_default="manual"))
    op.add_column("campaign_spend_entries", sa.Column("external_reference", sa.String(200), nullable=True))
    # A re-sent report finds its entry here. Per tenant: another agency's references must neither collide nor show.
    # Manual entries have no reference (NULLs never conflict).
    op.create_unique_constraint(
        "uq_campaign_spend_entries_reference",
        "campaign_spend_entries",
        ["tenant_id", "source", "external_reference"],
    )


def downgrade() -> None:
    op.drop_constraint("uq_campaign_spend_entries_reference", "campaign_spend_entries")
    op.drop_column("campaign_spend_entries", "external_reference")
    op.drop_column("campaign_spend_entries", "source")
