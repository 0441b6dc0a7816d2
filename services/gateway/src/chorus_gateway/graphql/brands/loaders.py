"""Per-request DataLoader of publishing's brand view: one REST call per batch of brands on a page."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import cast

from strawberry.dataloader import DataLoader

from chorus_gateway.graphql.brands.rest import PublishingBrand
from chorus_gateway.graphql.info import GatewayInfo

_KEY = "publishing_brands"


def publishing_brands(info: GatewayInfo) -> DataLoader[uuid.UUID, PublishingBrand | None]:
    context = info.context
    if _KEY not in context.area_loaders:
        publishing = context.service("publishing")

        async def load(ids: Sequence[uuid.UUID]) -> list[PublishingBrand | None]:
            found = await publishing.get("/brands", list[PublishingBrand], params={"ids": [str(i) for i in ids]})
            by_id = {brand.brand_id: brand for brand in found}
            return [by_id.get(brand_id) for brand_id in ids]

        context.area_loaders[_KEY] = DataLoader(load_fn=load, max_batch_size=100)
    return cast(DataLoader[uuid.UUID, PublishingBrand | None], context.area_loaders[_KEY])
