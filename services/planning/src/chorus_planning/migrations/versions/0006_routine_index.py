"""The routine index: which tenant's routine is next due for generating occurrences, read across tenants.

Revision ID: 0006_routine_index
Revises: 0004_calendar_roadmap
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006_routine_index"
down_revision: str | None = "0004_calendar_roadmap"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UUID = postgresql.UUID(as_uuid=True)


def upgrade() -> None:
    # No RLS: ids and a time only, read across tenants by the worker; the routine itself stays behind RLS.
    op.create_table(
        "routine_index",
        sa.Column("routine_id", UUID, primary_key=True),
        sa.Column("tenant_id", UUID, nullable=False),
        sa.Column("next_generation_at", sa.DateTime(timezone=True), nullable=False, index=True),
    )
    # Routines made before the index existed are due at once. The owner reads every tenant's routines only while
    # RLS is not forced on it, within this migration's transaction.
    op.execute("ALTER TABLE routines NO FORCE ROW LEVEL SECURITY")
    op.execute(
        "INSERT INTO routine_index (routine_id, tenant_id, next_generation_at) "
        "SELECT id, tenant_id, now() FROM routines WHERE active"
    )
    op.execute("ALTER TABLE routines FORCE ROW LEVEL SECURITY")


def downgrade() -> None:
    op.drop_table("routine_index")
