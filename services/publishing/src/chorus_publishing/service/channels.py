"""Channels: reading them with their token health, token connects, disconnects, and what the dispatcher needs.

The dispatcher calls `credentials_for` before sending and `mark_disconnected` when the network answers 401.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from chorus_publishing.adapters.channels import ChannelRepository, SealedTokens
from chorus_publishing.adapters.networks.connector import Credentials
from chorus_publishing.adapters.token_cipher import KeyRing, TokenCipher
from chorus_publishing.domain.channel import Channel, Network
from chorus_publishing.domain.errors import ChannelDisconnected, ChannelNotFound
from chorus_publishing.service.channel_keys import default_key_ring
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork

ACCESS, REFRESH = "access", "refresh"


async def list_channels(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, after: uuid.UUID | None, limit: int
) -> list[Channel]:
    require_permission(principal, Permission.READ)
    if not principal.can_see_brand(brand_id):
        return []
    return await ChannelRepository(uow.session).list_for_brand(brand_id, after=after, limit=limit)


async def get_channel(*, uow: UnitOfWork, principal: Principal, channel_id: uuid.UUID) -> Channel:
    require_permission(principal, Permission.READ)
    return await visible_channel(uow, principal, channel_id)


async def disconnect(*, uow: UnitOfWork, principal: Principal, channel_id: uuid.UUID) -> Channel:
    # Connecting and removing accounts is the social media manager's call, like the rest of the channel strategy.
    require_permission(principal, Permission.MANAGE_STRATEGY)
    channel = await visible_channel(uow, principal, channel_id, for_update=True)
    channel.disconnect(now=datetime.now(UTC), reason="Disconnected by a person.", by=principal.subject)
    await ChannelRepository(uow.session).save(channel)
    record(uow, channel)
    return channel


async def mark_disconnected(uow: UnitOfWork, channel_id: uuid.UUID, reason: str) -> None:
    """The network refused the channel's token (an AuthError): hold its posts until someone reconnects it."""
    repository = ChannelRepository(uow.session)
    channel = await repository.get(channel_id, for_update=True)
    if channel is None:
        raise ChannelNotFound(f"No channel {channel_id}.")
    channel.disconnect(now=datetime.now(UTC), reason=reason)
    await repository.save(channel)
    record(uow, channel)


async def credentials_for(
    uow: UnitOfWork, channel_id: uuid.UUID, *, keys: KeyRing | None = None
) -> tuple[Network, Credentials]:
    """The channel's network and decrypted credentials, for one call; raises ChannelDisconnected when unusable."""
    repository = ChannelRepository(uow.session)
    channel = await repository.get(channel_id)
    if channel is None:
        raise ChannelNotFound(f"No channel {channel_id}.")
    sealed = await repository.sealed_tokens(channel_id)
    if not channel.is_usable or sealed is None:
        raise ChannelDisconnected(f"Channel {channel_id} is disconnected: {channel.last_error or 'no token'}")
    cipher = TokenCipher(keys or default_key_ring())
    token = cipher.decrypt(sealed.access, tenant_id=channel.tenant_id, channel_id=channel.id, purpose=ACCESS)
    return channel.network, Credentials(
        access_token=token, account_id=channel.account_id, instance_url=channel.instance_url or ""
    )


def seal(cipher: TokenCipher, channel: Channel, access: str, refresh: str | None) -> SealedTokens:
    where = {"tenant_id": channel.tenant_id, "channel_id": channel.id}
    return SealedTokens(
        access=cipher.encrypt(access, purpose=ACCESS, **where),
        refresh=None if refresh is None else cipher.encrypt(refresh, purpose=REFRESH, **where),
    )


def record(uow: UnitOfWork, channel: Channel) -> None:
    uow.emit_all((event, channel.id) for event in channel.events)
    channel.events.clear()


async def visible_channel(
    uow: UnitOfWork, principal: Principal, channel_id: uuid.UUID, *, for_update: bool = False
) -> Channel:
    channel = await ChannelRepository(uow.session).get(channel_id, for_update=for_update)
    if channel is None or not principal.can_see_brand(channel.brand_id):
        raise ChannelNotFound(f"No channel {channel_id}.")
    return channel
