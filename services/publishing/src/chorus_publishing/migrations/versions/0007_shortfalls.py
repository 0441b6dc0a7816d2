"""What did not go out after a post was live (first comment, later thread items), kept with the published attempt
and with the post's variant on that channel.

Both tables already have their tenant policies (0004_posts, 0005_dispatch); a defaulted column needs no new one.

Revision ID: 0007_shortfalls
Revises: 0004_posts (post_variants), 0005_dispatch (publication_attempts)
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007_shortfalls"
down_revision: str | Sequence[str] | None = ("0004_posts", "0005_dispatch")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("publication_attempts", "post_variants")


def upgrade() -> None:
    for table in TABLES:
        # A constant default: existing rows take it without being rewritten (PostgreSQL 11+).
        op.add_column(
            table, sa.Column("shortfalls", postgresql.JSONB, nullable=False, server_default=sa.text("'[]'::jsonb"))
        )


def downgrade() -> None:
    for table in TABLES:
        op.drop_column(table, "shortfalls")
