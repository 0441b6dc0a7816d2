"""Cross-tenant reads of the token index (no RLS, no secrets): which channels are due, which use an old key."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_publishing.adapters.channel_orm import ChannelTokenIndexRow

TenantChannel = tuple[uuid.UUID, uuid.UUID]  # (tenant id, channel id)


async def due_for_refresh(session: AsyncSession, *, now: datetime, limit: int) -> list[TenantChannel]:
    statement = (
        select(ChannelTokenIndexRow.tenant_id, ChannelTokenIndexRow.channel_id)
        .where(ChannelTokenIndexRow.refresh_due_at <= now)
        .order_by(ChannelTokenIndexRow.refresh_due_at)
        .limit(limit)
    )
    return [(row.tenant_id, row.channel_id) for row in await session.execute(statement)]


async def under_old_keys(session: AsyncSession, *, current_key_id: str, limit: int) -> list[TenantChannel]:
    statement = (
        select(ChannelTokenIndexRow.tenant_id, ChannelTokenIndexRow.channel_id)
        .where(ChannelTokenIndexRow.key_id != current_key_id)
        .limit(limit)
    )
    return [(row.tenant_id, row.channel_id) for row in await session.execute(statement)]


async def forget(session: AsyncSession, channel_id: uuid.UUID) -> None:
    """Drop an entry whose channel is gone from its tenant (nothing left to refresh)."""
    await session.execute(delete(ChannelTokenIndexRow).where(ChannelTokenIndexRow.channel_id == channel_id))
