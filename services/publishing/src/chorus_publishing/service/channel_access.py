"""What the dispatcher needs from connected channels: credentials to send with, and a way to say a token died.

The channels service module (service/channels.py) provides both; `channel_access()` wires it when present.
"""

from __future__ import annotations

import importlib
import uuid
from typing import Protocol

from chorus_publishing.adapters.networks.connector import Credentials
from chorus_shared.db.uow import UnitOfWork


class ChannelAccess(Protocol):
    async def credentials_for(self, uow: UnitOfWork, channel_id: uuid.UUID) -> Credentials | None:
        """The channel's decrypted credentials, or None when it cannot send (disconnected, removed)."""
        ...

    async def mark_disconnected(self, uow: UnitOfWork, channel_id: uuid.UUID, reason: str) -> None: ...


class ChannelsModule:
    """ChannelAccess over service/channels.py's `credentials_for` and `mark_disconnected`."""

    def __init__(self) -> None:
        self._channels = importlib.import_module("chorus_publishing.service.channels")

    async def credentials_for(self, uow: UnitOfWork, channel_id: uuid.UUID) -> Credentials | None:
        try:
            credentials: Credentials | None = await self._channels.credentials_for(uow, channel_id)
        except LookupError:
            return None
        return credentials

    async def mark_disconnected(self, uow: UnitOfWork, channel_id: uuid.UUID, reason: str) -> None:
        await self._channels.mark_disconnected(uow, channel_id, reason)


def channel_access() -> ChannelAccess:
    """The real channels, once their module exists (ImportError until then is the caller's to handle)."""
    return ChannelsModule()
