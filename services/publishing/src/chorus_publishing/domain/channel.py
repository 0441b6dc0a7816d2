"""A brand's connected account on a network: who it is, whether its token still works, and when to refresh it.

The tokens themselves never enter this object: they stay encrypted in the repository.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.contracts.publishing_channels import (
    ChannelConnectedV1,
    ChannelDisconnectedV1,
    ChannelTokenExpiringV1,
    ChannelTokenRefreshedV1,
)

# Refresh when a quarter of the token's life is left, but at least 5 minutes and at most a day ahead: X's
# 2-hour tokens refresh 30 minutes before expiry, LinkedIn's 60-day tokens a day before.
REFRESH_AHEAD_MIN = timedelta(minutes=5)
REFRESH_AHEAD_MAX = timedelta(days=1)
ERROR_MAX = 500


class Network(StrEnum):
    X = "x"
    LINKEDIN = "linkedin"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    MASTODON = "mastodon"
    BLUESKY = "bluesky"
    SANDBOX = "sandbox"


OAUTH_NETWORKS = frozenset({Network.X, Network.LINKEDIN, Network.FACEBOOK, Network.INSTAGRAM})
TOKEN_NETWORKS = frozenset({Network.MASTODON, Network.BLUESKY, Network.SANDBOX})


class ChannelStatus(StrEnum):
    CONNECTED = "connected"
    EXPIRING = "expiring"  # refresh failed, the token still works for a while
    DISCONNECTED = "disconnected"  # no usable token: posts are held until someone reconnects
    PENDING = "pending"  # signed in, but which page / Instagram account publishes is not chosen yet


def reconnect_path(channel_id: uuid.UUID) -> str:
    """The REST path a person follows to connect this channel again."""
    return f"/channels/{channel_id}/reconnect"


@dataclass
class Channel:
    id: uuid.UUID
    tenant_id: uuid.UUID
    brand_id: uuid.UUID
    network: Network
    account_id: str
    display_name: str
    status: ChannelStatus
    connected_at: datetime
    connected_by: str
    instance_url: str | None = None
    scopes: tuple[str, ...] = ()
    token_expires_at: datetime | None = None
    last_refreshed_at: datetime | None = None
    refresh_due_at: datetime | None = None
    last_error: str | None = None
    disconnected_at: datetime | None = None
    events: list[EventPayload] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def connect(
        cls,
        *,
        tenant_id: uuid.UUID,
        brand_id: uuid.UUID,
        network: Network,
        account_id: str,
        display_name: str,
        by: str,
        now: datetime,
        instance_url: str | None = None,
    ) -> Channel:
        channel = cls(
            id=uuid.uuid4(),
            tenant_id=tenant_id,
            brand_id=brand_id,
            network=network,
            account_id=account_id,
            display_name=display_name,
            status=ChannelStatus.DISCONNECTED,
            connected_at=now,
            connected_by=by,
            instance_url=instance_url,
        )
        return channel

    @property
    def reconnect_url(self) -> str:
        return reconnect_path(self.id)

    @property
    def is_usable(self) -> bool:
        return self.status in (ChannelStatus.CONNECTED, ChannelStatus.EXPIRING)

    def tokens_granted(
        self, *, by: str, now: datetime, expires_at: datetime | None, scopes: tuple[str, ...], display_name: str
    ) -> None:
        """New tokens from the person connecting: the channel is connected (again)."""
        reconnected = self.last_refreshed_at is not None or self.disconnected_at is not None
        self.status, self.connected_at, self.connected_by = ChannelStatus.CONNECTED, now, by
        self.display_name, self.scopes = display_name, scopes
        self.last_error, self.disconnected_at = None, None
        self._new_expiry(now, expires_at)
        self.events.append(
            ChannelConnectedV1(
                channel_id=self.id,
                brand_id=self.brand_id,
                network=self.network,
                account_id=self.account_id,
                display_name=display_name,
                connected_at=now,
                connected_by=by,
                reconnected=reconnected,
                token_expires_at=expires_at,
            )
        )

    def account_choice_pending(self, *, by: str, now: datetime, expires_at: datetime | None, display_name: str) -> None:
        """The person signed in with an account that manages several pages: nothing publishes until one is chosen.

        The user's token kept meanwhile only lists the choices; it is never refreshed.
        """
        self.status, self.connected_at, self.connected_by = ChannelStatus.PENDING, now, by
        self.display_name, self.last_error, self.disconnected_at = display_name, None, None
        self.token_expires_at, self.refresh_due_at = expires_at, None

    def account_chosen(self, account_id: str) -> None:
        self.account_id = account_id

    def refreshed(self, *, now: datetime, expires_at: datetime | None, scopes: tuple[str, ...]) -> None:
        self.status, self.last_error = ChannelStatus.CONNECTED, None
        self.scopes = scopes or self.scopes
        self._new_expiry(now, expires_at)
        self.events.append(
            ChannelTokenRefreshedV1(
                channel_id=self.id,
                brand_id=self.brand_id,
                network=self.network,
                refreshed_at=now,
                token_expires_at=expires_at,
            )
        )

    def refresh_failed(self, *, now: datetime, reason: str, retry_at: datetime, warn_within: timedelta) -> None:
        """A refresh that may work later: warn once when expiry is near, give up when the token has expired."""
        self.last_error = _short(reason)
        if self.token_expires_at is not None and self.token_expires_at <= now:
            self.disconnect(now=now, reason=f"The token expired and could not be refreshed: {self.last_error}")
            return
        self.refresh_due_at = retry_at
        if self.token_expires_at is not None and self.token_expires_at - now > warn_within:
            return
        if self.status is ChannelStatus.CONNECTED:
            self.status = ChannelStatus.EXPIRING
            self.events.append(
                ChannelTokenExpiringV1(
                    channel_id=self.id,
                    brand_id=self.brand_id,
                    network=self.network,
                    token_expires_at=self.token_expires_at,
                    reason=self.last_error,
                    reconnect_url=self.reconnect_url,
                )
            )

    def disconnect(self, *, now: datetime, reason: str, by: str | None = None) -> None:
        """Stop publishing through this channel; a second disconnect changes nothing and says nothing."""
        if self.status is ChannelStatus.DISCONNECTED:
            return
        self.status, self.disconnected_at, self.refresh_due_at = ChannelStatus.DISCONNECTED, now, None
        self.last_error = _short(reason)
        self.events.append(
            ChannelDisconnectedV1(
                channel_id=self.id,
                brand_id=self.brand_id,
                network=self.network,
                disconnected_at=now,
                reason=self.last_error,
                disconnected_by=by,
                reconnect_url=self.reconnect_url,
            )
        )

    def _new_expiry(self, now: datetime, expires_at: datetime | None) -> None:
        self.last_refreshed_at, self.token_expires_at = now, expires_at
        if expires_at is None:
            self.refresh_due_at = None
            return
        ahead = min(max((expires_at - now) / 4, REFRESH_AHEAD_MIN), REFRESH_AHEAD_MAX)
        self.refresh_due_at = expires_at - ahead


def _short(reason: str) -> str:
    text = " ".join(reason.split()) or "unknown"
    return text[:ERROR_MAX]
