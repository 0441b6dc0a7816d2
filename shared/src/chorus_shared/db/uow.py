"""The unit of work: the request or message handler owns one transaction; nothing else commits.

Use cases record events with `uow.emit(...)` (or aggregates collect them and the use case hands them over);
`commit()` writes them to the outbox in the same transaction as the state change, then commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from types import TracebackType
from typing import Self

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_shared.db.tenancy import set_tenant
from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.messaging.outbox_table import add_to_outbox


class UnitOfWork:
    """One transaction, optionally scoped to a tenant, with the events it will publish."""

    session: AsyncSession

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        outbox: Table,
        source: str,
        tenant_id: uuid.UUID | None = None,
        traceparent: str | None = None,
    ) -> None:
        self._sessions = sessions
        self._outbox = outbox
        self.source = source
        self.tenant_id = tenant_id
        self.traceparent = traceparent
        self._pending: list[CloudEvent] = []
        self._done = False

    async def __aenter__(self) -> Self:
        self.session = self._sessions()
        await self.session.begin()
        if self.tenant_id is not None:
            await set_tenant(self.session, self.tenant_id)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if not self._done:
                await self.session.rollback()
        finally:
            await self.session.close()

    def emit(self, payload: EventPayload, *, subject: str | uuid.UUID) -> None:
        """Record an event about aggregate `subject`; it is written to the outbox at commit."""
        if self.tenant_id is None:
            raise RuntimeError("an event needs a tenant: open the unit of work with tenant_id")
        self._pending.append(
            CloudEvent(
                type=payload.event_type,
                source=self.source,
                subject=str(subject),
                tenantid=str(self.tenant_id),
                data=payload.model_dump(mode="json"),
                traceparent=self.traceparent,
            )
        )

    def emit_all(self, payloads: Iterable[tuple[EventPayload, str | uuid.UUID]]) -> None:
        for payload, subject in payloads:
            self.emit(payload, subject=subject)

    @property
    def pending_events(self) -> list[CloudEvent]:
        return list(self._pending)

    async def commit(self) -> None:
        await self.session.flush()
        await add_to_outbox(self.session, self._outbox, self._pending)
        await self.session.commit()
        self._pending.clear()
        self._done = True

    async def rollback(self) -> None:
        await self.session.rollback()
        self._pending.clear()
        self._done = True
