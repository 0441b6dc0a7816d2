"""The publishing lists a Brand shows: its posts and its connected channels. `Brand` inherits these fields."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from chorus_gateway.graphql.connection import Connection
from chorus_gateway.graphql.info import GatewayInfo, documented_field
from chorus_gateway.graphql.publishing.channel_types import Channel
from chorus_gateway.graphql.publishing.lists import PostFilter, channel_page, post_page
from chorus_gateway.graphql.publishing.post_types import Post


@strawberry.type
class PublishingBrandFields:
    if TYPE_CHECKING:
        id: strawberry.ID  # the brand's, declared by Brand

    @documented_field("The brand's posts, narrowed by state, channel and scheduled time.")
    async def posts(
        self, info: GatewayInfo, first: int | None = None, after: str | None = None, where: PostFilter | None = None
    ) -> Connection[Post]:
        return await post_page(info, self.id, first, after, where)

    @documented_field("The brand's connected accounts with their token health.")
    async def channels(
        self, info: GatewayInfo, first: int | None = None, after: str | None = None
    ) -> Connection[Channel]:
        return await channel_page(info, self.id, first, after)
