"""REST shapes of channels: what is shown (never a token), and what connecting takes."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from chorus_publishing.domain.channel import Channel
from chorus_publishing.service.channel_connect import ConnectStart
from chorus_publishing.service.channel_pages import AccountChoice


class ChannelRead(BaseModel):
    """A connected account and its token health. Tokens are never part of it."""

    id: uuid.UUID
    brand_id: uuid.UUID
    network: str
    account_id: str
    display_name: str
    instance_url: str | None
    status: str = Field(
        description="connected, expiring (refresh failing, still works), disconnected, "
        "or pending (choose its account at /channels/{id}/accounts)"
    )
    scopes: list[str]
    token_expires_at: datetime | None
    last_refreshed_at: datetime | None
    refresh_due_at: datetime | None
    last_error: str | None
    connected_at: datetime
    connected_by: str
    disconnected_at: datetime | None
    reconnect_url: str

    @classmethod
    def of(cls, channel: Channel) -> ChannelRead:
        return cls(
            id=channel.id,
            brand_id=channel.brand_id,
            network=channel.network.value,
            account_id=channel.account_id,
            display_name=channel.display_name,
            instance_url=channel.instance_url,
            status=channel.status.value,
            scopes=list(channel.scopes),
            token_expires_at=channel.token_expires_at,
            last_refreshed_at=channel.last_refreshed_at,
            refresh_due_at=channel.refresh_due_at,
            last_error=channel.last_error,
            connected_at=channel.connected_at,
            connected_by=channel.connected_by,
            disconnected_at=channel.disconnected_at,
            reconnect_url=channel.reconnect_url,
        )


class ChannelPage(BaseModel):
    items: list[ChannelRead]
    next_after: uuid.UUID | None


class ConnectStartCreate(BaseModel):
    network: str = Field(max_length=32, examples=["linkedin"])


class ConnectStartRead(BaseModel):
    """Send the person's browser to `authorization_url`; the network brings them back with `state` and `code`."""

    authorization_url: str
    network: str
    expires_at: datetime

    @classmethod
    def of(cls, start: ConnectStart) -> ConnectStartRead:
        return cls(authorization_url=start.authorization_url, network=start.network.value, expires_at=start.expires_at)


class ConnectCallbackCreate(BaseModel):
    state: str = Field(max_length=200)
    code: str = Field(min_length=1, max_length=2000)


class TokenConnectCreate(BaseModel):
    network: str = Field(max_length=32, examples=["mastodon"])
    secret: str = Field(max_length=4096, description="Mastodon access token, Bluesky app password, sandbox token.")
    account: str | None = Field(default=None, max_length=300, description="Bluesky handle, sandbox account name.")
    instance_url: str | None = Field(default=None, max_length=500, description="Mastodon instance, Bluesky PDS.")


class AccountChoiceRead(BaseModel):
    """A page (Facebook) or Instagram business account a pending channel may publish as; never its token."""

    id: str
    name: str

    @classmethod
    def of(cls, choice: AccountChoice) -> AccountChoiceRead:
        return cls(id=choice.account_id, name=choice.name)


class AccountChoicePage(BaseModel):
    items: list[AccountChoiceRead]


class AccountSelectCreate(BaseModel):
    account_id: str = Field(min_length=1, max_length=300, description="One `id` of the channel's /accounts")
