"""Migration helpers for the messaging tables every service has: the outbox, and the inbox for consumers."""

from __future__ import annotations

from alembic import op
from sqlalchemy import MetaData

from chorus_shared.messaging.outbox_table import OUTBOX_TABLE, outbox_table


def create_outbox() -> None:
    outbox_table(MetaData()).create(op.get_bind())


def drop_outbox() -> None:
    op.drop_table(OUTBOX_TABLE)


def create_inbox() -> None:
    from chorus_shared.messaging.inbox import inbox_table

    inbox_table(MetaData()).create(op.get_bind())


def drop_inbox() -> None:
    from chorus_shared.messaging.inbox import inbox_table

    op.drop_table(inbox_table(MetaData()).name)
