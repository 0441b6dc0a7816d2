"""What the dispatcher needs from connected channels: credentials to send with, and a way to say a token died.

`ChannelAccess` is the small protocol the dispatcher is written against; `Channels` is the real one, over
service/channels.py. Tests of the dispatcher alone may pass any other implementation.
"""

from __future__ import annotations

import uuid
from typing import Protocol

from chorus_publishing.adapters.networks.connector import Credentials
from chorus_publishing.adapters.token_cipher import KeyRing, TokenDecryptionFailed
from chorus_publishing.domain.errors import ChannelDisconnected, ChannelNotFound
from chorus_publishing.service import channels
from chorus_shared.db.uow import UnitOfWork


class ChannelAccess(Protocol):
    async def credentials_for(self, uow: UnitOfWork, channel_id: uuid.UUID) -> Credentials | None:
        """The channel's decrypted credentials, or None when it cannot send (disconnected, removed)."""
        ...

    async def mark_disconnected(self, uow: UnitOfWork, channel_id: uuid.UUID, reason: str) -> None: ...


UNREADABLE = "The stored token cannot be decrypted with the configured keys; reconnect the channel."


class Channels:
    """ChannelAccess over the channels module: tokens decrypted for one send, a 401 disconnects the channel.

    `keys` is the token key ring of the process's settings (default: read from the environment)."""

    def __init__(self, keys: KeyRing | None = None) -> None:
        self._keys = keys

    async def credentials_for(self, uow: UnitOfWork, channel_id: uuid.UUID) -> Credentials | None:
        try:
            _, credentials = await channels.credentials_for(uow, channel_id, keys=self._keys)
        except (ChannelNotFound, ChannelDisconnected):
            return None
        except TokenDecryptionFailed:
            # A key left the ring too early, or the row was tampered with: no send is possible until someone
            # connects the account again, which releases the publications held meanwhile.
            await self.mark_disconnected(uow, channel_id, UNREADABLE)
            return None
        return credentials

    async def mark_disconnected(self, uow: UnitOfWork, channel_id: uuid.UUID, reason: str) -> None:
        try:
            await channels.mark_disconnected(uow, channel_id, reason)
        except ChannelNotFound:
            pass  # removed meanwhile: its publications are held all the same
