"""Facebook and Instagram publish through a page: after sign-in, its one page (or Instagram account) connects at
once; with several, the channel waits for the person to choose one from `/channels/{id}/accounts`.

Only the chosen page's token is kept. The user's token kept while the choice is pending only lists the pages; it is
the long-lived one the callback traded for (`channel_long_lived`), so page tokens listed with it do not expire.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

import httpx

from chorus_publishing.adapters.channels import ChannelRepository
from chorus_publishing.adapters.oauth.config import FacebookOAuth
from chorus_publishing.adapters.oauth.identity import AccountIdentity
from chorus_publishing.adapters.oauth.managed_pages import fetch_managed_pages
from chorus_publishing.adapters.oauth.token_endpoint import OAuthRefused, OAuthUnavailable
from chorus_publishing.adapters.token_cipher import TokenCipher
from chorus_publishing.domain.channel import Channel, ChannelStatus, Network
from chorus_publishing.domain.errors import (
    ChannelDisconnected,
    ChannelNotChoosing,
    NetworkUnavailable,
    ReconnectAccountMismatch,
)
from chorus_publishing.service.channel_accounts import Authorised, keep_account
from chorus_publishing.service.channel_keys import key_ring
from chorus_publishing.service.channels import ACCESS, seal, visible_channel
from chorus_publishing.settings import PublishingSettings
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import FieldError, ValidationFailed

PAGE_NETWORKS = frozenset({Network.FACEBOOK, Network.INSTAGRAM})
PENDING_ACCOUNT = "user:{id}"  # a pending channel is keyed by the signed-in user, never equal to a page id
# Meta's short-lived user tokens last hours, long-lived ones 60 days; page tokens from the latter never expire.
LONG_LIVED_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class AccountChoice:
    """A page (Facebook) or Instagram business account the signed-in user can publish as."""

    account_id: str
    name: str
    access_token: str = field(repr=False)


async def connect_through_page(
    uow: UnitOfWork,
    principal: Principal,
    settings: PublishingSettings,
    http: httpx.AsyncClient,
    *,
    brand_id: uuid.UUID,
    user: Authorised,
    now: datetime,
    reconnecting: uuid.UUID | None,
) -> Channel:
    """The OAuth callback's end for Facebook and Instagram: `user` is what the network granted the person."""
    choices = await _choices(http, settings, user.network, user.access_token)
    cipher = TokenCipher(key_ring(settings))
    if reconnecting is not None:
        channel = await visible_channel(uow, principal, reconnecting)
        choices = [choice for choice in choices if choice.account_id == channel.account_id]
        if not choices:
            raise ReconnectAccountMismatch(f"{user.identity.display_name} does not manage {channel.display_name}.")
    if len(choices) == 1:
        granted = page_grant(user, choices[0], now)
        return await keep_account(
            uow, principal, cipher, brand_id=brand_id, granted=granted, now=now, reconnecting=reconnecting
        )
    if not choices:
        what = "Facebook page" if user.network is Network.FACEBOOK else "page with an Instagram business account"
        message = (
            f"{user.identity.display_name} manages no {what} this app may use; grant access to one and connect again."
        )
        raise ValidationFailed("No account to connect.", field_errors=[FieldError("code", message, "no_account")])
    return await _keep_pending(uow, principal, cipher, brand_id=brand_id, user=user, now=now)


async def list_account_choices(
    *,
    uow: UnitOfWork,
    principal: Principal,
    settings: PublishingSettings,
    http: httpx.AsyncClient,
    channel_id: uuid.UUID,
) -> list[AccountChoice]:
    require_permission(principal, Permission.MANAGE_STRATEGY)
    channel = await _pending(uow, principal, channel_id, for_update=False)
    return await _choices(http, settings, channel.network, await _user_token(uow, settings, channel))


async def select_account(
    *,
    uow: UnitOfWork,
    principal: Principal,
    settings: PublishingSettings,
    http: httpx.AsyncClient,
    channel_id: uuid.UUID,
    account_id: str,
) -> Channel:
    """Connect the pending channel to the chosen page / Instagram account, with that page's token."""
    require_permission(principal, Permission.MANAGE_STRATEGY)
    channel = await _pending(uow, principal, channel_id, for_update=True)
    user_token = await _user_token(uow, settings, channel)
    chosen = [c for c in await _choices(http, settings, channel.network, user_token) if c.account_id == account_id]
    if not chosen:
        message = "Choose one of the accounts listed at this channel's /accounts."
        raise ValidationFailed(
            "The account is not valid.", field_errors=[FieldError("account_id", message, "unknown_account")]
        )
    repository = ChannelRepository(uow.session)
    if await repository.find_account(channel.brand_id, channel.network, account_id) is None:
        channel.account_chosen(account_id)
        await repository.save(channel)
    else:
        await repository.remove(channel.id)  # the page already has its channel: that one is reconnected
    user = Authorised(
        network=channel.network,
        identity=AccountIdentity(channel.account_id, channel.display_name),
        access_token=user_token,
        expires_at=channel.token_expires_at,
        scopes=channel.scopes,
    )
    now = datetime.now(UTC)
    cipher = TokenCipher(key_ring(settings))
    return await keep_account(
        uow, principal, cipher, brand_id=channel.brand_id, granted=page_grant(user, chosen[0], now), now=now
    )


def page_grant(user: Authorised, choice: AccountChoice, now: datetime) -> Authorised:
    """The page's token stands for the channel; it lives as long as the user token it came from, or for ever."""
    long_lived = user.expires_at is None or user.expires_at - now > LONG_LIVED_AFTER
    return replace(
        user,
        identity=AccountIdentity(choice.account_id, choice.name[:200]),
        access_token=choice.access_token,
        refresh_token=None,
        expires_at=None if long_lived else user.expires_at,
    )


async def _choices(
    http: httpx.AsyncClient, settings: PublishingSettings, network: Network, user_token: str
) -> list[AccountChoice]:
    client: FacebookOAuth = settings.oauth_facebook if network is Network.FACEBOOK else settings.oauth_instagram
    try:
        pages = await fetch_managed_pages(http, client.accounts_url, user_token)
    except OAuthRefused:
        raise ChannelDisconnected(f"{network}: the sign-in is no longer valid; connect again.") from None
    except OAuthUnavailable as unavailable:
        raise NetworkUnavailable(f"{network}: {unavailable}") from None
    if network is Network.FACEBOOK:
        return [AccountChoice(page.page_id, page.name, page.access_token) for page in pages]
    return [
        AccountChoice(page.instagram_id, page.instagram_username or page.name, page.access_token)
        for page in pages
        if page.instagram_id is not None
    ]


async def _keep_pending(
    uow: UnitOfWork, principal: Principal, cipher: TokenCipher, *, brand_id: uuid.UUID, user: Authorised, now: datetime
) -> Channel:
    repository = ChannelRepository(uow.session)
    account = PENDING_ACCOUNT.format(id=user.identity.account_id)
    channel = await repository.find_account(brand_id, user.network, account)
    if channel is None:
        channel = Channel.connect(
            tenant_id=principal.tenant_id,
            brand_id=brand_id,
            network=user.network,
            account_id=account,
            display_name=user.identity.display_name[:200],
            by=principal.subject,
            now=now,
        )
        await repository.add(channel)
    channel.scopes = user.scopes
    name = user.identity.display_name[:200]
    channel.account_choice_pending(by=principal.subject, now=now, expires_at=user.expires_at, display_name=name)
    await repository.save(channel, seal(cipher, channel, user.access_token, None))
    return channel


async def _pending(uow: UnitOfWork, principal: Principal, channel_id: uuid.UUID, *, for_update: bool) -> Channel:
    channel = await visible_channel(uow, principal, channel_id, for_update=for_update)
    if channel.status is not ChannelStatus.PENDING:
        raise ChannelNotChoosing(f"Channel {channel_id} is {channel.status}: it has its account already.")
    return channel


async def _user_token(uow: UnitOfWork, settings: PublishingSettings, channel: Channel) -> str:
    sealed = await ChannelRepository(uow.session).sealed_tokens(channel.id)
    if sealed is None:
        raise ChannelNotChoosing(f"Channel {channel.id} has no sign-in to choose from; connect again.")
    where = {"tenant_id": channel.tenant_id, "channel_id": channel.id}
    return TokenCipher(key_ring(settings)).decrypt(sealed.access, purpose=ACCESS, **where)
