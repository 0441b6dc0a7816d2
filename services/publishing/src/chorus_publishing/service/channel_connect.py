"""Connecting a channel: OAuth 2 with PKCE (start, callback, reconnect) or a token / app password."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import httpx

from chorus_publishing.adapters.connect_attempts import ConnectAttemptRepository
from chorus_publishing.adapters.oauth.config import OAuthClient
from chorus_publishing.adapters.oauth.exchange import exchange_code
from chorus_publishing.adapters.oauth.identity import fetch_identity
from chorus_publishing.adapters.oauth.pkce import new_state, new_verifier, s256_challenge
from chorus_publishing.adapters.oauth.token_endpoint import OAuthRefused, OAuthUnavailable
from chorus_publishing.adapters.token_cipher import TokenCipher
from chorus_publishing.domain.channel import OAUTH_NETWORKS, Channel, Network
from chorus_publishing.domain.connect_attempt import ConnectAttempt, unknown_state
from chorus_publishing.domain.errors import NetworkUnavailable, ReconnectByToken
from chorus_publishing.service.channel_accounts import Authorised, ensure_brand_known, keep_account
from chorus_publishing.service.channel_keys import key_ring
from chorus_publishing.service.channel_long_lived import long_lived_sign_in
from chorus_publishing.service.channel_pages import PAGE_NETWORKS, connect_through_page
from chorus_publishing.service.channels import visible_channel
from chorus_publishing.settings import PublishingSettings
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import FieldError, ValidationFailed

PKCE = "pkce"


@dataclass(frozen=True)
class ConnectStart:
    authorization_url: str
    network: Network
    expires_at: datetime


def oauth_client(settings: PublishingSettings, network: Network) -> OAuthClient:
    clients = {
        Network.X: settings.oauth_x,
        Network.LINKEDIN: settings.oauth_linkedin,
        Network.FACEBOOK: settings.oauth_facebook,
        Network.INSTAGRAM: settings.oauth_instagram,
    }
    return clients[network]


def oauth_network(value: str) -> Network:
    if value not in {network.value for network in OAUTH_NETWORKS}:
        choices = ", ".join(sorted(network.value for network in OAUTH_NETWORKS))
        message = f"Connect one of {choices} here; Mastodon, Bluesky and sandbox connect with a token."
        raise ValidationFailed("The network is not valid.", field_errors=[FieldError("network", message, "invalid")])
    return Network(value)


async def start_connect(
    *, uow: UnitOfWork, principal: Principal, settings: PublishingSettings, brand_id: uuid.UUID, network: str
) -> ConnectStart:
    require_permission(principal, Permission.MANAGE_STRATEGY)
    chosen = oauth_network(network)
    await ensure_brand_known(uow, principal, brand_id)
    return await _start(uow, principal, settings, brand_id, chosen, channel_id=None)


async def start_reconnect(
    *, uow: UnitOfWork, principal: Principal, settings: PublishingSettings, channel_id: uuid.UUID
) -> ConnectStart:
    require_permission(principal, Permission.MANAGE_STRATEGY)
    channel = await visible_channel(uow, principal, channel_id)
    if channel.network not in OAUTH_NETWORKS:
        raise ReconnectByToken(f"Reconnect this {channel.network} channel by posting a new token for its brand.")
    return await _start(uow, principal, settings, channel.brand_id, channel.network, channel_id=channel.id)


async def finish_connect(
    *,
    uow: UnitOfWork,
    principal: Principal,
    settings: PublishingSettings,
    http: httpx.AsyncClient,
    state: str,
    code: str,
) -> Channel:
    """The network's callback: the state must be known, fresh, unused and the caller's; then the code is exchanged."""
    require_permission(principal, Permission.MANAGE_STRATEGY)
    now = datetime.now(UTC)
    attempts = ConnectAttemptRepository(uow.session)
    found = await attempts.by_state(state) if state else None
    if found is None or not principal.can_see_brand(found[0].brand_id):
        raise unknown_state()
    attempt, sealed_verifier = found
    attempt.use(by=principal.subject, now=now)
    await attempts.mark_used(attempt)
    cipher = TokenCipher(key_ring(settings))
    verifier = cipher.decrypt(sealed_verifier, tenant_id=attempt.tenant_id, channel_id=attempt.id, purpose=PKCE)
    client = oauth_client(settings, attempt.network)
    try:
        grant = await exchange_code(
            http, client, attempt.network, code=code, verifier=verifier, redirect_uri=settings.oauth_redirect_url
        )
        if attempt.network in PAGE_NETWORKS:
            grant = await long_lived_sign_in(http, client, attempt.network, grant)
        identity = await fetch_identity(http, client, attempt.network, grant.access_token)
    except OAuthRefused as refused:
        message = f"The network refused the authorization code ({refused.error or 'refused'}); connect again."
        raise ValidationFailed("The code is refused.", field_errors=[FieldError("code", message, "refused")]) from None
    except OAuthUnavailable as unavailable:
        raise NetworkUnavailable(str(unavailable)) from None
    granted = Authorised(
        network=attempt.network,
        identity=identity,
        access_token=grant.access_token,
        refresh_token=grant.refresh_token,
        expires_at=grant.expires_at(now),
        scopes=grant.scopes or client.scopes,
    )
    if attempt.network in PAGE_NETWORKS:
        return await connect_through_page(
            uow,
            principal,
            settings,
            http,
            brand_id=attempt.brand_id,
            user=granted,
            now=now,
            reconnecting=attempt.channel_id,
        )
    return await keep_account(
        uow, principal, cipher, brand_id=attempt.brand_id, granted=granted, now=now, reconnecting=attempt.channel_id
    )


async def _start(
    uow: UnitOfWork,
    principal: Principal,
    settings: PublishingSettings,
    brand_id: uuid.UUID,
    network: Network,
    *,
    channel_id: uuid.UUID | None,
) -> ConnectStart:
    now = datetime.now(UTC)
    attempt = ConnectAttempt(
        id=uuid.uuid4(),
        tenant_id=principal.tenant_id,
        brand_id=brand_id,
        network=network,
        started_by=principal.subject,
        created_at=now,
        expires_at=now + timedelta(seconds=settings.connect_state_ttl_seconds),
        channel_id=channel_id,
    )
    state, verifier = new_state(), new_verifier()
    sealed = TokenCipher(key_ring(settings)).encrypt(
        verifier, tenant_id=attempt.tenant_id, channel_id=attempt.id, purpose=PKCE
    )
    await ConnectAttemptRepository(uow.session).add(attempt, state=state, verifier_ciphertext=sealed)
    client = oauth_client(settings, network)
    query = {
        "response_type": "code",
        "client_id": client.client_id,
        "redirect_uri": settings.oauth_redirect_url,
        "scope": " ".join(client.scopes),
        "state": state,
        "code_challenge": s256_challenge(verifier),
        "code_challenge_method": "S256",
    }
    separator = "&" if "?" in client.authorize_url else "?"
    return ConnectStart(client.authorize_url + separator + urlencode(query), network, attempt.expires_at)
