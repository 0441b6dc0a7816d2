"""The outbox and the inbox.

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

from chorus_shared.messaging.migrations import create_inbox, create_outbox, drop_inbox, drop_outbox

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_outbox()
    create_inbox()


def downgrade() -> None:
    drop_inbox()
    drop_outbox()
