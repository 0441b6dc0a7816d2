"""The consumer inbox: makes at-least-once delivery exactly-once in effect.

The inbox row (consumer group + event id) is inserted in the same transaction as the handler's side effects and
the events it emits; a redelivered event finds its row and is skipped. The consumer commits the offset after.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence

from sqlalchemy import Column, DateTime, MetaData, PrimaryKeyConstraint, String, Table, func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_shared.db.tenancy import set_tenant
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.bus import IncomingMessage
from chorus_shared.messaging.envelope import CloudEvent, EnvelopeError

INBOX_TABLE = "inbox"

EventHandler = Callable[[UnitOfWork, CloudEvent], Awaitable[None]]


def inbox_table(metadata: MetaData) -> Table:
    """Declare the inbox in a service's metadata. Infrastructure, not tenant data: no RLS, like the outbox."""
    return Table(
        INBOX_TABLE,
        metadata,
        Column("consumer_group", String(200), nullable=False),
        Column("event_id", String(64), nullable=False),
        Column("event_type", String(200), nullable=False),
        Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        PrimaryKeyConstraint("consumer_group", "event_id"),
    )


class IdempotentHandler:
    """The `handler` given to the consumer loop: runs `handle(uow, event)` at most once per event and group."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        group: str,
        inbox: Table,
        outbox: Table,
        source: str,
        handle: EventHandler,
    ) -> None:
        self._sessions = sessions
        self.group = group
        self._inbox = inbox
        self._outbox = outbox
        self._source = source
        self._handle = handle

    async def __call__(self, message: IncomingMessage) -> None:
        """Raises EnvelopeError (poison: dead-letter at once) for a message that is not a tenant's CloudEvent."""
        event = CloudEvent.from_message(message.headers, message.value)
        async with UnitOfWork(
            self._sessions,
            outbox=self._outbox,
            source=self._source,
            tenant_id=_tenant_of(event),
            traceparent=event.traceparent,
        ) as uow:
            # A concurrent delivery of the same event waits here on the unique key until the first one ends.
            first_delivery = await uow.session.execute(
                insert(self._inbox)
                .values(consumer_group=self.group, event_id=event.id, event_type=event.type)
                .on_conflict_do_nothing()
                .returning(self._inbox.c.event_id)
            )
            if first_delivery.first() is None:
                return
            await self._handle(uow, event)
            await uow.commit()

    async def handle_batch(self, messages: Sequence[IncomingMessage]) -> None:
        """The same effects as calling this handler on each message in order, in one transaction.

        Any failure rolls the whole batch back; the consumer then retries message by message.
        """
        events = [CloudEvent.from_message(m.headers, m.value) for m in messages]
        tenants = [_tenant_of(event) for event in events]
        async with UnitOfWork(self._sessions, outbox=self._outbox, source=self._source, tenant_id=tenants[0]) as uow:
            inserted = await uow.session.execute(
                insert(self._inbox)
                .values([{"consumer_group": self.group, "event_id": e.id, "event_type": e.type} for e in events])
                .on_conflict_do_nothing()
                .returning(self._inbox.c.event_id)
            )
            pending = set(inserted.scalars())
            for event, tenant in zip(events, tenants, strict=True):
                if event.id not in pending:
                    continue  # already handled, or a second copy within this batch
                pending.discard(event.id)
                if tenant != uow.tenant_id:
                    await set_tenant(uow.session, tenant)
                    uow.tenant_id = tenant
                uow.traceparent = event.traceparent
                await self._handle(uow, event)
            await uow.commit()


def _tenant_of(event: CloudEvent) -> uuid.UUID:
    try:
        return uuid.UUID(event.tenantid)
    except ValueError as exc:
        raise EnvelopeError(f"event {event.id}: tenantid {event.tenantid!r} is not a UUID") from exc
