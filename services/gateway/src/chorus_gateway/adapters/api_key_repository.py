"""SQL for API keys, under RLS."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_gateway.adapters.orm import ApiKey

# Recording every use would turn each read request into a write; a minute's precision is enough for audits.
LAST_USED_PRECISION = timedelta(seconds=60)


class ApiKeyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, key: ApiKey) -> None:
        self.session.add(key)

    async def get(self, key_id: uuid.UUID) -> ApiKey | None:
        return await self.session.get(ApiKey, key_id)

    async def page(self, *, after: tuple[datetime, uuid.UUID] | None, limit: int) -> list[ApiKey]:
        statement = select(ApiKey).order_by(ApiKey.created_at, ApiKey.id).limit(limit)
        if after is not None:
            created_at, key_id = after
            statement = statement.where(
                (ApiKey.created_at > created_at) | ((ApiKey.created_at == created_at) & (ApiKey.id > key_id))
            )
        return list(await self.session.scalars(statement))

    async def record_use(self, key_id: uuid.UUID) -> None:
        stale = func.now() - LAST_USED_PRECISION
        await self.session.execute(
            update(ApiKey)
            .where(ApiKey.id == key_id, (ApiKey.last_used_at.is_(None)) | (ApiKey.last_used_at < stale))
            .values(last_used_at=func.now())
        )
