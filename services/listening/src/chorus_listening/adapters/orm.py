"""Listening's tables. For now only the messaging tables; its aggregates arrive with its own issue."""

from sqlalchemy.orm import DeclarativeBase

from chorus_shared.db.base import new_metadata
from chorus_shared.messaging.inbox import inbox_table
from chorus_shared.messaging.outbox_table import outbox_table


class Base(DeclarativeBase):
    metadata = new_metadata()


outbox = outbox_table(Base.metadata)
inbox = inbox_table(Base.metadata)
