"""The request's one transaction, handed to resolvers one at a time.

GraphQL resolves sibling fields concurrently, but an AsyncSession serves one statement at a time: the lock
serialises access instead of failing with "concurrent operations are not permitted". Hold it only around
repository calls: awaiting a DataLoader inside `session()` would wait for a batch that needs the same lock.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession

from chorus_shared.db.uow import UnitOfWork


class RequestDatabase:
    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow
        self._lock = asyncio.Lock()

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        async with self._lock:
            yield self.uow.session
