"""Per-request DataLoader of brand freezes: each brand asked once per request, a page's brands fetched concurrently."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from typing import cast

from strawberry.dataloader import DataLoader

from chorus_gateway.graphql.brand_freeze.types import PublishingFreeze
from chorus_gateway.graphql.info import GatewayInfo
from chorus_shared.errors import NotFound

_KEY = "brand_freezes"


def brand_freezes(info: GatewayInfo) -> DataLoader[uuid.UUID, PublishingFreeze | None]:
    context = info.context
    if _KEY not in context.area_loaders:
        publishing = context.service("publishing")

        async def one(brand_id: uuid.UUID) -> PublishingFreeze | None:
            try:
                return await publishing.get(f"/brands/{brand_id}/freeze", PublishingFreeze)
            except NotFound:
                return None

        # Publishing answers one brand per call; gathering keeps a page of brands to one round trip's latency.
        async def load(ids: Sequence[uuid.UUID]) -> list[PublishingFreeze | None]:
            return list(await asyncio.gather(*(one(brand_id) for brand_id in ids)))

        context.area_loaders[_KEY] = DataLoader(load_fn=load, max_batch_size=100)
    return cast(DataLoader[uuid.UUID, PublishingFreeze | None], context.area_loaders[_KEY])
