"""Connecting Mastodon with an access token, Bluesky with a handle and app password, sandbox with an account name."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from chorus_publishing.adapters.networks.bluesky import DEFAULT_PDS
from chorus_publishing.adapters.oauth.identity import AccountIdentity
from chorus_publishing.adapters.oauth.token_endpoint import OAuthRefused, OAuthUnavailable
from chorus_publishing.adapters.token_accounts import bluesky_identity, mastodon_identity
from chorus_publishing.adapters.token_cipher import TokenCipher
from chorus_publishing.domain.channel import TOKEN_NETWORKS, Channel, Network
from chorus_publishing.domain.errors import NetworkUnavailable
from chorus_publishing.service.channel_accounts import Authorised, ensure_brand_known, keep_account
from chorus_publishing.service.channel_keys import key_ring
from chorus_publishing.settings import PublishingSettings
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import FieldError, ValidationFailed

SECRET_MAX = 4096
ACCOUNT_MAX = 253  # a Bluesky handle is a domain name


@dataclass(frozen=True)
class TokenConnect:
    network: str
    secret: str = field(repr=False)  # Mastodon access token, Bluesky app password, sandbox token
    account: str | None = None  # Bluesky handle, sandbox account name
    instance_url: str | None = None  # Mastodon instance (required), Bluesky PDS (optional)


async def connect_with_token(
    *,
    uow: UnitOfWork,
    principal: Principal,
    settings: PublishingSettings,
    http: httpx.AsyncClient,
    brand_id: uuid.UUID,
    request: TokenConnect,
) -> Channel:
    require_permission(principal, Permission.MANAGE_STRATEGY)
    network, account, instance_url = _validated(request)
    await ensure_brand_known(uow, principal, brand_id)
    try:
        identity = await _identity(http, network, request.secret, account, instance_url)
    except OAuthRefused:
        message = "The network refused these credentials."
        refused = [FieldError("secret", message, "refused")]
        raise ValidationFailed("The credentials are refused.", field_errors=refused) from None
    except OAuthUnavailable as unavailable:
        raise NetworkUnavailable(str(unavailable)) from None
    granted = Authorised(network, identity, request.secret, instance_url=instance_url)
    cipher = TokenCipher(key_ring(settings))
    return await keep_account(uow, principal, cipher, brand_id=brand_id, granted=granted, now=datetime.now(UTC))


async def _identity(
    http: httpx.AsyncClient, network: Network, secret: str, account: str, instance_url: str | None
) -> AccountIdentity:
    if network is Network.MASTODON:
        return await mastodon_identity(http, instance_url or "", secret)
    if network is Network.BLUESKY:
        return await bluesky_identity(http, instance_url or DEFAULT_PDS, account, secret)
    return AccountIdentity(account, account)  # the sandbox is ours: its accounts exist once named


def _validated(request: TokenConnect) -> tuple[Network, str, str | None]:
    errors: list[FieldError] = []
    if request.network not in {network.value for network in TOKEN_NETWORKS}:
        message = "Connect mastodon, bluesky or sandbox with a token; the other networks connect through OAuth."
        raise ValidationFailed("The network is not valid.", field_errors=[FieldError("network", message, "invalid")])
    network = Network(request.network)
    if not request.secret.strip():
        errors.append(FieldError("secret", "Give the access token or app password.", "required"))
    elif len(request.secret) > SECRET_MAX or request.secret != request.secret.strip():
        errors.append(FieldError("secret", "This is not a token or app password.", "invalid"))
    account = (request.account or "").strip()
    if network is not Network.MASTODON and not account:
        errors.append(FieldError("account", "Give the account's handle or name.", "required"))
    elif len(account) > ACCOUNT_MAX:
        errors.append(FieldError("account", f"At most {ACCOUNT_MAX} characters.", "too_long"))
    instance_url = (request.instance_url or "").strip() or None
    if network is Network.MASTODON and instance_url is None:
        errors.append(FieldError("instance_url", "Give the Mastodon instance's address.", "required"))
    elif instance_url is not None and not _is_web_address(instance_url):
        errors.append(FieldError("instance_url", "Give an http(s) address such as https://mastodon.social.", "invalid"))
    if errors:
        raise ValidationFailed("The connection is not valid.", field_errors=errors)
    return network, account, instance_url.rstrip("/") if instance_url else None


def _is_web_address(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and len(value) <= 500 and not parts.query
