"""Keeping a newly authorised account: the channel found or created for it, its tokens sealed, the event recorded."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from chorus_publishing.adapters.brand_references import BrandReferenceRepository
from chorus_publishing.adapters.channels import ChannelRepository
from chorus_publishing.adapters.oauth.identity import AccountIdentity
from chorus_publishing.adapters.token_cipher import TokenCipher
from chorus_publishing.domain.channel import Channel, Network
from chorus_publishing.domain.errors import BrandNotKnown, ReconnectAccountMismatch
from chorus_publishing.service.channels import record, seal
from chorus_publishing.service.publications import release_held_publications
from chorus_shared.auth import Principal
from chorus_shared.db.uow import UnitOfWork


@dataclass(frozen=True)
class Authorised:
    """What a network granted for one account."""

    network: Network
    identity: AccountIdentity
    access_token: str = field(repr=False)
    refresh_token: str | None = field(default=None, repr=False)
    expires_at: datetime | None = None
    scopes: tuple[str, ...] = ()
    instance_url: str | None = None


async def ensure_brand_known(uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID) -> None:
    if not principal.can_see_brand(brand_id) or await BrandReferenceRepository(uow.session).get(brand_id) is None:
        raise BrandNotKnown(f"Publishing does not know brand {brand_id}.")


async def keep_account(
    uow: UnitOfWork,
    principal: Principal,
    cipher: TokenCipher,
    *,
    brand_id: uuid.UUID,
    granted: Authorised,
    now: datetime,
    reconnecting: uuid.UUID | None = None,
) -> Channel:
    """One channel per (brand, network, account): connecting a known account again reconnects its channel."""
    repository = ChannelRepository(uow.session)
    channel = await repository.find_account(brand_id, granted.network, granted.identity.account_id)
    if reconnecting is not None and (channel is None or channel.id != reconnecting):
        raise ReconnectAccountMismatch(
            f"The network signed in {granted.identity.display_name}, not the account of the channel being reconnected."
        )
    if channel is None:
        channel = Channel.connect(
            tenant_id=principal.tenant_id,
            brand_id=brand_id,
            network=granted.network,
            account_id=granted.identity.account_id,
            display_name=granted.identity.display_name,
            by=principal.subject,
            now=now,
            instance_url=granted.instance_url,
        )
        await repository.add(channel)
    channel.instance_url = granted.instance_url or channel.instance_url
    channel.tokens_granted(
        by=principal.subject,
        now=now,
        expires_at=granted.expires_at,
        scopes=granted.scopes,
        display_name=granted.identity.display_name[:200],
    )
    await repository.save(channel, seal(cipher, channel, granted.access_token, granted.refresh_token))
    record(uow, channel)
    # Connected again (token, OAuth callback or reconnect): what was held while it was disconnected goes out.
    await release_held_publications(uow, channel.id, by=principal.subject)
    return channel
