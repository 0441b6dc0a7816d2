"""Queues and the dispatcher: time slots, publications, attempts, history, the dispatch queue and rate windows.

Revision ID: 0005_dispatch
Revises: 0001
Depends on: 0002_freezes (the freeze trigger)
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from chorus_shared.db.rls import enable_tenant_rls

revision: str = "0005_dispatch"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = "0002_freezes"

UUID = postgresql.UUID(as_uuid=True)
TS = sa.DateTime(timezone=True)

# A freeze takes its brand's lock exclusively; the dispatcher takes it shared while it marks posts `sending`.
# So once a freeze has committed, no post of that brand starts sending.
FREEZE_LOCK = """
CREATE FUNCTION publishing_freeze_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('brand-freeze:' || NEW.brand_id::text, 0));
    RETURN NEW;
END $$
"""


def _id() -> sa.Column[object]:
    return sa.Column("id", UUID, primary_key=True)


def _tenant() -> sa.Column[object]:
    return sa.Column("tenant_id", UUID, nullable=False, index=True)


def upgrade() -> None:
    op.create_table(
        "queue_slots",
        _id(),
        _tenant(),
        sa.Column("brand_id", UUID, nullable=False, index=True),
        sa.Column("channel_id", UUID, nullable=False, index=True),
        sa.Column("weekday", sa.SmallInteger, nullable=False),
        sa.Column("local_time", sa.Time, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("channel_id", "weekday", "local_time", name="uq_queue_slots_channel_time"),
    )
    op.create_table(
        "publications",
        _id(),
        _tenant(),
        sa.Column("brand_id", UUID, nullable=False, index=True),
        sa.Column("post_id", UUID, nullable=False, index=True),
        sa.Column("variant_id", UUID, nullable=False),
        sa.Column("channel_id", UUID, nullable=False),
        sa.Column("network", sa.String(32), nullable=False),
        sa.Column("content", postgresql.JSONB, nullable=False),
        sa.Column("timing", sa.String(16), nullable=False),
        sa.Column("due_at", TS, nullable=False),
        sa.Column("first_due_at", TS, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("hold_reason", sa.String(32)),
        sa.Column("needs_decision", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("lease_owner", sa.String(80)),
        sa.Column("lease_until", TS),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", TS),
        sa.Column("idempotency_key", sa.String(80)),
        sa.Column("last_error", sa.Text),
        sa.Column("network_post_id", sa.String(200)),
        sa.Column("network_post_url", sa.Text),
        sa.Column("published_at", TS),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_index("ix_publications_channel_due", "publications", ["channel_id", "due_at"])
    op.create_table(
        "publication_attempts",
        _id(),
        _tenant(),
        sa.Column("publication_id", UUID, nullable=False, index=True),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("idempotency_key", sa.String(80), nullable=False),
        sa.Column("worker", sa.String(80), nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("finished_at", TS),
        sa.Column("outcome", sa.String(24), nullable=False),
        sa.Column("response_code", sa.Integer),
        sa.Column("error", sa.Text),
        sa.UniqueConstraint("idempotency_key", name="uq_publication_attempts_key"),
    )
    op.create_table(
        "publication_history",
        _id(),
        _tenant(),
        sa.Column("publication_id", UUID, nullable=False, index=True),
        sa.Column("at", TS, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text),
    )
    for table in ("queue_slots", "publications", "publication_attempts", "publication_history"):
        enable_tenant_rls(table)
    op.create_table(
        "dispatch_queue",
        sa.Column("publication_id", UUID, primary_key=True),
        sa.Column("tenant_id", UUID, nullable=False),
        sa.Column("brand_id", UUID, nullable=False),
        sa.Column("phase", sa.String(16), nullable=False),
        sa.Column("run_at", TS, nullable=False),
        sa.Column("lease_owner", sa.String(80)),
        sa.Column("lease_until", TS),
    )
    op.create_index("ix_dispatch_queue_phase_run_at", "dispatch_queue", ["phase", "run_at"])
    op.create_table(
        "rate_windows",
        sa.Column("scope", sa.String(160), primary_key=True),
        sa.Column("window_start", TS, nullable=False),
        sa.Column("used", sa.Integer, nullable=False),
    )
    op.execute(FREEZE_LOCK)
    op.execute(
        "CREATE TRIGGER brand_freezes_lock BEFORE INSERT ON brand_freezes "
        "FOR EACH ROW EXECUTE FUNCTION publishing_freeze_lock()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS brand_freezes_lock ON brand_freezes")
    op.execute("DROP FUNCTION IF EXISTS publishing_freeze_lock()")
    for table in (
        "rate_windows",
        "dispatch_queue",
        "publication_history",
        "publication_attempts",
        "publications",
        "queue_slots",
    ):
        op.drop_table(table)
