"""Cheaper writes for the dispatcher, which writes to these tables for every post it sends.

- `publication_attempts` and `publication_history` lose their `tenant_id` index. Every read of them goes by
  publication (or by attempt key); the index only served row-level security's filter, which the rows those indexes
  find pass anyway. It cost an index entry per row written, and worse, it misled the planner: with statistics
  taken while the table was nearly empty, recording a batch's answers scanned the tenant's every attempt through it
  instead of looking each key up (milliseconds per batch, growing with the table).
- `publications` keeps a fifth of each page free, so the two updates of a dispatch (sending, published), which touch
  no indexed column, stay on the row's page and write no index entry (HOT updates). Rows written before this keep
  their pages as they are; the setting applies to pages filled from now on.
- `dispatch_queue` rows no longer move to a `sending` phase when their request leaves: a claim's lease covers the
  send, and every lease that runs out goes to reconciliation, which tells "never started" from "maybe sent" by the
  publication's state. Rows in `sending` when this runs go to reconciliation now. Roll the publishing workers out
  with the previous version stopped first: a previous-version reconciler drops a still-scheduled publication's
  queue row, which this version's expired claims now send it.

Revision ID: 0008_dispatch_writes
Revises: 0007_shortfalls
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008_dispatch_writes"
down_revision: str | Sequence[str] | None = "0007_shortfalls"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNINDEXED = ("publication_attempts", "publication_history")


def upgrade() -> None:
    for table in UNINDEXED:
        op.drop_index(f"ix_{table}_tenant_id", table_name=table)
    op.execute("ALTER TABLE publications SET (fillfactor = 80)")
    op.execute(
        "UPDATE dispatch_queue SET phase = 'reconcile', lease_owner = NULL, lease_until = NULL, run_at = now() "
        "WHERE phase = 'sending'"
    )


def downgrade() -> None:
    op.execute("ALTER TABLE publications RESET (fillfactor)")
    for table in UNINDEXED:
        op.create_index(f"ix_{table}_tenant_id", table, ["tenant_id"])
