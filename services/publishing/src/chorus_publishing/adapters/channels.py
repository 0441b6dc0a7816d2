"""Channel repository (RLS limits rows to the current tenant); tokens go in and out only as ciphertexts."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_publishing.adapters.channel_orm import ChannelRow, ChannelTokenIndexRow
from chorus_publishing.adapters.channel_token_index import forget
from chorus_publishing.domain.channel import Channel, ChannelStatus, Network


@dataclass(frozen=True)
class SealedTokens:
    """Encrypted tokens as stored; `key_id` is the key they are sealed under."""

    access: str = field(repr=False)
    refresh: str | None = field(default=None, repr=False)
    key_id: str = ""


class ChannelRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(
        self, channel_id: uuid.UUID, *, for_update: bool = False, skip_locked: bool = False
    ) -> Channel | None:
        statement = select(ChannelRow).where(ChannelRow.id == channel_id)
        if for_update:
            statement = statement.with_for_update(skip_locked=skip_locked)
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return _to_domain(row) if row else None

    async def find_account(self, brand_id: uuid.UUID, network: Network, account_id: str) -> Channel | None:
        statement = (
            select(ChannelRow)
            .where(ChannelRow.brand_id == brand_id, ChannelRow.network == network, ChannelRow.account_id == account_id)
            .with_for_update()
        )
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return _to_domain(row) if row else None

    async def list_for_brand(self, brand_id: uuid.UUID, *, after: uuid.UUID | None, limit: int) -> list[Channel]:
        statement = select(ChannelRow).where(ChannelRow.brand_id == brand_id).order_by(ChannelRow.id).limit(limit)
        if after is not None:
            statement = statement.where(ChannelRow.id > after)
        return [_to_domain(row) for row in (await self._session.execute(statement)).scalars()]

    async def sealed_tokens(self, channel_id: uuid.UUID) -> SealedTokens | None:
        row = await self._session.get(ChannelRow, channel_id)
        if row is None or row.access_token_ciphertext is None:
            return None
        key_id = row.access_token_ciphertext.partition(":")[0]
        return SealedTokens(row.access_token_ciphertext, row.refresh_token_ciphertext, key_id)

    async def add(self, channel: Channel) -> None:
        row = ChannelRow(id=channel.id, tenant_id=channel.tenant_id)
        _copy(channel, row)
        self._session.add(row)
        await self._session.flush()

    async def save(self, channel: Channel, tokens: SealedTokens | None = None) -> None:
        """Write the channel; new `tokens` replace the stored ones, a disconnected channel keeps none."""
        row = await self._session.get(ChannelRow, channel.id)
        if row is None:
            raise LookupError(channel.id)
        _copy(channel, row)
        if tokens is not None:
            row.access_token_ciphertext, row.refresh_token_ciphertext = tokens.access, tokens.refresh
        if channel.status is ChannelStatus.DISCONNECTED:
            row.access_token_ciphertext = row.refresh_token_ciphertext = None
        await self._session.flush()
        await self._index(row)

    async def remove(self, channel_id: uuid.UUID) -> None:
        """Forget a channel that never connected (a pending choice that turned out to be a known account)."""
        row = await self._session.get(ChannelRow, channel_id)
        if row is not None:
            await self._session.delete(row)
            await self._session.flush()
        await forget(self._session, channel_id)

    async def _index(self, row: ChannelRow) -> None:
        if row.access_token_ciphertext is None:
            await forget(self._session, row.id)
            return
        values = {
            "channel_id": row.id,
            "tenant_id": row.tenant_id,
            "refresh_due_at": row.refresh_due_at,
            "key_id": row.access_token_ciphertext.partition(":")[0],
        }
        upsert = insert(ChannelTokenIndexRow).values(**values)
        update = {k: upsert.excluded[k] for k in ("tenant_id", "refresh_due_at", "key_id")}
        await self._session.execute(upsert.on_conflict_do_update(index_elements=["channel_id"], set_=update))


def _copy(channel: Channel, row: ChannelRow) -> None:
    row.brand_id, row.network, row.account_id = channel.brand_id, channel.network.value, channel.account_id
    row.display_name, row.instance_url, row.status = channel.display_name, channel.instance_url, channel.status.value
    row.scopes = list(channel.scopes)
    row.token_expires_at, row.last_refreshed_at = channel.token_expires_at, channel.last_refreshed_at
    row.refresh_due_at, row.last_error = channel.refresh_due_at, channel.last_error
    row.connected_at, row.connected_by = channel.connected_at, channel.connected_by
    row.disconnected_at = channel.disconnected_at


def _to_domain(row: ChannelRow) -> Channel:
    return Channel(
        id=row.id,
        tenant_id=row.tenant_id,
        brand_id=row.brand_id,
        network=Network(row.network),
        account_id=row.account_id,
        display_name=row.display_name,
        status=ChannelStatus(row.status),
        connected_at=row.connected_at,
        connected_by=row.connected_by,
        instance_url=row.instance_url,
        scopes=tuple(row.scopes),
        token_expires_at=row.token_expires_at,
        last_refreshed_at=row.last_refreshed_at,
        refresh_due_at=row.refresh_due_at,
        last_error=row.last_error,
        disconnected_at=row.disconnected_at,
    )
