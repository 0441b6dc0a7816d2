"""Migration helpers for the messaging tables every service has: the outbox, and the inbox for consumers."""

from __future__ import annotations

from alembic import op
from sqlalchemy import MetaData

from chorus_shared.messaging.outbox_table import OUTBOX_TABLE, outbox_table


def create_outbox() -> None:
    """The outbox and its trigger that wakes the relay (NOTIFY) as soon as a transaction writes events."""
    from chorus_shared.messaging.outbox_relay import outbox_notify_trigger_sql

    outbox_table(MetaData()).create(op.get_bind())
    for statement in outbox_notify_trigger_sql():
        op.execute(statement)


def drop_outbox() -> None:
    op.drop_table(OUTBOX_TABLE)


def create_inbox() -> None:
    from chorus_shared.messaging.inbox import inbox_table

    inbox_table(MetaData()).create(op.get_bind())


def drop_inbox() -> None:
    from chorus_shared.messaging.inbox import inbox_table

    op.drop_table(inbox_table(MetaData()).name)
