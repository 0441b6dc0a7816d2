"""A brand's connected accounts: list and read with token health, connect (OAuth or token), disconnect, reconnect."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Annotated

import httpx
from fastapi import APIRouter, Depends, Query, Request

from chorus_publishing.api.channel_schemas import (
    AccountChoicePage,
    AccountChoiceRead,
    AccountSelectCreate,
    ChannelPage,
    ChannelRead,
    ConnectCallbackCreate,
    ConnectStartCreate,
    ConnectStartRead,
    TokenConnectCreate,
)
from chorus_publishing.api.dependencies import RequestUnitOfWork
from chorus_publishing.service import channel_connect, channel_pages, channels
from chorus_publishing.service.channel_token_connect import TokenConnect, connect_with_token
from chorus_publishing.settings import PublishingSettings
from chorus_shared.auth import CurrentPrincipal

router = APIRouter(tags=["channels"])


def _settings(request: Request) -> PublishingSettings:
    settings: PublishingSettings = request.app.state.settings
    return settings


async def _http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as client:
        yield client


Settings = Annotated[PublishingSettings, Depends(_settings)]
NetworkClient = Annotated[httpx.AsyncClient, Depends(_http)]


@router.get("/brands/{brand_id}/channels")
async def list_channels(
    brand_id: uuid.UUID,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    after: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> ChannelPage:
    found = await channels.list_channels(uow=uow, principal=principal, brand_id=brand_id, after=after, limit=limit + 1)
    page = found[:limit]
    return ChannelPage(items=[ChannelRead.of(c) for c in page], next_after=page[-1].id if len(found) > limit else None)


@router.get("/channels/{channel_id}")
async def get_channel(channel_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> ChannelRead:
    return ChannelRead.of(await channels.get_channel(uow=uow, principal=principal, channel_id=channel_id))


@router.post("/brands/{brand_id}/channels/oauth/start")
async def start_connect(
    brand_id: uuid.UUID,
    body: ConnectStartCreate,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    settings: Settings,
) -> ConnectStartRead:
    start = await channel_connect.start_connect(
        uow=uow, principal=principal, settings=settings, brand_id=brand_id, network=body.network
    )
    await uow.commit()
    return ConnectStartRead.of(start)


@router.post("/channels/oauth/callback")
async def finish_connect(
    body: ConnectCallbackCreate,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    settings: Settings,
    http: NetworkClient,
) -> ChannelRead:
    channel = await channel_connect.finish_connect(
        uow=uow, principal=principal, settings=settings, http=http, state=body.state, code=body.code
    )
    await uow.commit()
    return ChannelRead.of(channel)


@router.post("/brands/{brand_id}/channels/token")
async def connect_by_token(
    brand_id: uuid.UUID,
    body: TokenConnectCreate,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    settings: Settings,
    http: NetworkClient,
) -> ChannelRead:
    request = TokenConnect(
        network=body.network, secret=body.secret, account=body.account, instance_url=body.instance_url
    )
    channel = await connect_with_token(
        uow=uow, principal=principal, settings=settings, http=http, brand_id=brand_id, request=request
    )
    await uow.commit()
    return ChannelRead.of(channel)


@router.post("/channels/{channel_id}/disconnect")
async def disconnect(channel_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> ChannelRead:
    channel = await channels.disconnect(uow=uow, principal=principal, channel_id=channel_id)
    await uow.commit()
    return ChannelRead.of(channel)


@router.post("/channels/{channel_id}/reconnect")
async def reconnect(
    channel_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal, settings: Settings
) -> ConnectStartRead:
    """The reconnect link of `channel.disconnected` events: a fresh OAuth start bound to this channel's account."""
    start = await channel_connect.start_reconnect(
        uow=uow, principal=principal, settings=settings, channel_id=channel_id
    )
    await uow.commit()
    return ConnectStartRead.of(start)


@router.get("/channels/{channel_id}/accounts")
async def list_account_choices(
    channel_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal, settings: Settings, http: NetworkClient
) -> AccountChoicePage:
    """A pending Facebook / Instagram channel's choices: the pages (or Instagram accounts) the person manages."""
    choices = await channel_pages.list_account_choices(
        uow=uow, principal=principal, settings=settings, http=http, channel_id=channel_id
    )
    return AccountChoicePage(items=[AccountChoiceRead.of(choice) for choice in choices])


@router.post("/channels/{channel_id}/accounts/select")
async def select_account(
    channel_id: uuid.UUID,
    body: AccountSelectCreate,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    settings: Settings,
    http: NetworkClient,
) -> ChannelRead:
    channel = await channel_pages.select_account(
        uow=uow, principal=principal, settings=settings, http=http, channel_id=channel_id, account_id=body.account_id
    )
    await uow.commit()
    return ChannelRead.of(channel)
