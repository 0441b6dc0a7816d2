"""Per-request DataLoaders over publishing's REST: channels by id and post histories, each asked once per request.

Publishing answers one channel or one post per call; gathering keeps a page's worth to one round trip's latency.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar, cast

from strawberry.dataloader import DataLoader

from chorus_gateway.graphql.info import GatewayInfo
from chorus_gateway.graphql.publishing.rest import PublishingChannel, PublishingHistoryEntry
from chorus_shared.errors import NotFound

ValueT = TypeVar("ValueT")


def channels(info: GatewayInfo) -> DataLoader[uuid.UUID, PublishingChannel | None]:
    """A channel by id; None when it does not exist or is outside the caller's scope."""
    publishing = info.context.service("publishing")

    async def one(channel_id: uuid.UUID) -> PublishingChannel | None:
        try:
            return await publishing.get(f"/channels/{channel_id}", PublishingChannel)
        except NotFound:
            return None

    return _loader(info, "publishing_channels", one)


def post_histories(info: GatewayInfo) -> DataLoader[uuid.UUID, list[PublishingHistoryEntry]]:
    """A post's history, oldest first; empty when the post is outside the caller's scope."""
    publishing = info.context.service("publishing")

    async def one(post_id: uuid.UUID) -> list[PublishingHistoryEntry]:
        try:
            return await publishing.get(f"/posts/{post_id}/history", list[PublishingHistoryEntry])
        except NotFound:
            return []

    return _loader(info, "publishing_post_histories", one)


def _loader(
    info: GatewayInfo, key: str, one: Callable[[uuid.UUID], Awaitable[ValueT]]
) -> DataLoader[uuid.UUID, ValueT]:
    context = info.context
    if key not in context.area_loaders:

        async def load(ids: Sequence[uuid.UUID]) -> list[ValueT]:
            return list(await asyncio.gather(*(one(each) for each in ids)))

        context.area_loaders[key] = DataLoader(load_fn=load, max_batch_size=100)
    return cast(DataLoader[uuid.UUID, ValueT], context.area_loaders[key])
