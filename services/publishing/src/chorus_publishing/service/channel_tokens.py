"""Token upkeep across tenants: refresh tokens ahead of expiry, and re-encrypt tokens sealed under old keys.

Both find their work in `channel_token_index` (no RLS, no secrets), then handle each channel in a transaction
scoped to its tenant, its row locked with SKIP LOCKED so two workers never refresh one token twice (networks
that rotate refresh tokens would disconnect the loser).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.channel_token_index import due_for_refresh, forget, under_old_keys
from chorus_publishing.adapters.channels import ChannelRepository, SealedTokens
from chorus_publishing.adapters.oauth.refresh import refresh_grant
from chorus_publishing.adapters.oauth.token_endpoint import OAuthRefused, OAuthUnavailable
from chorus_publishing.adapters.orm import outbox
from chorus_publishing.adapters.token_cipher import KeyRing, TokenCipher, TokenDecryptionFailed
from chorus_publishing.domain.channel import OAUTH_NETWORKS, Channel
from chorus_publishing.service.channel_connect import oauth_client
from chorus_publishing.service.channel_keys import key_ring
from chorus_publishing.service.channels import ACCESS, REFRESH, record, seal
from chorus_publishing.settings import PublishingSettings
from chorus_shared.db.uow import UnitOfWork

log = logging.getLogger(__name__)
SOURCE = "chorus.publishing"
NO_REFRESH = "The network gives no refresh token: reconnect the channel before its token expires."


@dataclass
class RefreshOutcome:
    refreshed: int = 0
    failed: int = 0
    disconnected: int = 0


async def refresh_due_tokens(
    sessions: async_sessionmaker[AsyncSession],
    settings: PublishingSettings,
    http: httpx.AsyncClient,
    *,
    now: datetime | None = None,
    limit: int = 100,
) -> RefreshOutcome:
    moment = now or datetime.now(UTC)
    async with sessions() as session:
        due = await due_for_refresh(session, now=moment, limit=limit)
    outcome = RefreshOutcome()
    cipher = TokenCipher(key_ring(settings))
    for tenant_id, channel_id in due:
        try:
            async with UnitOfWork(sessions, outbox=outbox, source=SOURCE, tenant_id=tenant_id) as uow:
                await _refresh_one(uow, settings, http, cipher, channel_id, moment, outcome)
                await uow.commit()
        except Exception:  # one channel's trouble must not hold back the others; it stays due for the next round
            log.exception("channel token refresh failed", extra={"channel_id": str(channel_id)})
            outcome.failed += 1
    return outcome


async def _refresh_one(
    uow: UnitOfWork,
    settings: PublishingSettings,
    http: httpx.AsyncClient,
    cipher: TokenCipher,
    channel_id: uuid.UUID,
    now: datetime,
    outcome: RefreshOutcome,
) -> None:
    repository = ChannelRepository(uow.session)
    channel = await repository.get(channel_id, for_update=True, skip_locked=True)
    if channel is None:
        if await repository.get(channel_id) is None:
            await forget(uow.session, channel_id)  # the channel left its tenant: nothing to refresh
        return  # else another worker holds it right now
    sealed = await repository.sealed_tokens(channel_id)
    if sealed is None or not channel.is_usable or channel.refresh_due_at is None or channel.refresh_due_at > now:
        await repository.save(channel)  # someone refreshed or disconnected it meanwhile: bring the index in step
        return
    tokens = await _refreshed_tokens(settings, http, cipher, channel, sealed, now)
    outcome.refreshed += tokens is not None
    outcome.disconnected += not channel.is_usable
    outcome.failed += tokens is None and channel.is_usable
    await repository.save(channel, tokens)
    record(uow, channel)


async def _refreshed_tokens(
    settings: PublishingSettings,
    http: httpx.AsyncClient,
    cipher: TokenCipher,
    channel: Channel,
    sealed: SealedTokens,
    now: datetime,
) -> SealedTokens | None:
    retry_at = now + timedelta(seconds=settings.token_refresh_retry_seconds)
    warn_within = timedelta(hours=settings.token_expiring_within_hours)
    if sealed.refresh is None or channel.network not in OAUTH_NETWORKS:
        channel.refresh_failed(now=now, reason=NO_REFRESH, retry_at=retry_at, warn_within=warn_within)
        return None
    where = {"tenant_id": channel.tenant_id, "channel_id": channel.id}
    try:
        refresh_token = cipher.decrypt(sealed.refresh, purpose=REFRESH, **where)
    except TokenDecryptionFailed:
        channel.disconnect(now=now, reason="The stored token cannot be decrypted with the configured keys.")
        return None
    try:
        grant = await refresh_grant(http, oauth_client(settings, channel.network), channel.network, refresh_token)
    except OAuthRefused as refused:
        channel.disconnect(now=now, reason=f"The network refused to refresh the token ({refused.error or 'refused'}).")
        return None
    except OAuthUnavailable as unavailable:
        reason = f"The token could not be refreshed: {unavailable}"
        channel.refresh_failed(now=now, reason=reason, retry_at=retry_at, warn_within=warn_within)
        return None
    channel.refreshed(now=now, expires_at=grant.expires_at(now), scopes=grant.scopes)
    return seal(cipher, channel, grant.access_token, grant.refresh_token)


async def reencrypt_tokens(sessions: async_sessionmaker[AsyncSession], ring: KeyRing, *, batch: int = 100) -> int:
    """Re-seal every token still under an older key with the ring's current key; returns how many channels moved.

    Run after putting a new key first in CHORUS_PUBLISHING_TOKEN_KEYS; when it reports none left, the old key
    can leave the ring.
    """
    cipher, moved, tried = TokenCipher(ring), 0, set[uuid.UUID]()
    while True:
        async with sessions() as session:
            found = await under_old_keys(session, current_key_id=ring.current.key_id, limit=batch + len(tried))
        todo = [(tenant, channel) for tenant, channel in found if channel not in tried]
        if not todo:
            return moved
        for tenant_id, channel_id in todo:
            tried.add(channel_id)
            async with UnitOfWork(sessions, outbox=outbox, source=SOURCE, tenant_id=tenant_id) as uow:
                moved += await _reseal(uow, cipher, channel_id)
                await uow.commit()


async def _reseal(uow: UnitOfWork, cipher: TokenCipher, channel_id: uuid.UUID) -> int:
    repository = ChannelRepository(uow.session)
    channel = await repository.get(channel_id, for_update=True)
    sealed = await repository.sealed_tokens(channel_id)
    if channel is None or sealed is None:
        await forget(uow.session, channel_id)
        return 0
    where = {"tenant_id": channel.tenant_id, "channel_id": channel.id}
    try:
        access = cipher.reencrypt(sealed.access, purpose=ACCESS, **where)
        refresh = None if sealed.refresh is None else cipher.reencrypt(sealed.refresh, purpose=REFRESH, **where)
    except TokenDecryptionFailed as failed:
        log.warning("channel token not re-encrypted", extra={"channel_id": str(channel_id), "why": str(failed)})
        return 0
    await repository.save(channel, SealedTokens(access, refresh))
    return 1
