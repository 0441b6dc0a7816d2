"""Events the publishing service publishes about a brand's connected accounts (channels) and their tokens."""

from __future__ import annotations

import uuid
from typing import ClassVar

from pydantic import AwareDatetime, Field

from chorus_shared.messaging.contracts.base import EventPayload


class ChannelConnectedV1(EventPayload):
    """A brand's account on a network is connected (again, when `reconnected`); posts to it can go out."""

    event_type: ClassVar[str] = "chorus.publishing.channel.connected.v1"

    channel_id: uuid.UUID
    brand_id: uuid.UUID
    network: str = Field(min_length=1)
    account_id: str = Field(min_length=1, description="The network's id for the account (URN, DID, page id...).")
    display_name: str
    connected_at: AwareDatetime
    connected_by: str
    reconnected: bool = False
    token_expires_at: AwareDatetime | None = None


class ChannelTokenRefreshedV1(EventPayload):
    event_type: ClassVar[str] = "chorus.publishing.channel.token_refreshed.v1"

    channel_id: uuid.UUID
    brand_id: uuid.UUID
    network: str
    refreshed_at: AwareDatetime
    token_expires_at: AwareDatetime | None = None


class ChannelTokenExpiringV1(EventPayload):
    """The token could not be refreshed and expires soon: someone should reconnect before posts are held."""

    event_type: ClassVar[str] = "chorus.publishing.channel.token_expiring.v1"

    channel_id: uuid.UUID
    brand_id: uuid.UUID
    network: str
    token_expires_at: AwareDatetime | None = None
    reason: str
    reconnect_url: str = Field(description="Where a person reconnects the channel (publishing's REST path).")


class ChannelDisconnectedV1(EventPayload):
    """The channel cannot publish until reconnected; its scheduled posts are held, not lost."""

    event_type: ClassVar[str] = "chorus.publishing.channel.disconnected.v1"

    channel_id: uuid.UUID
    brand_id: uuid.UUID
    network: str
    disconnected_at: AwareDatetime
    reason: str
    disconnected_by: str | None = Field(default=None, description="The person; None when the network or expiry did.")
    reconnect_url: str
