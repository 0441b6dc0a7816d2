"""A brand's posts and channels as Relay connections over publishing's keyset pages (`after` = last id, `limit`)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from chorus_gateway.graphql.connection import Connection
from chorus_gateway.graphql.info import GatewayInfo
from chorus_gateway.graphql.planning_calendar.paging import connection, page_params, parse_id
from chorus_gateway.graphql.publishing.channel_types import Channel
from chorus_gateway.graphql.publishing.enums import PostState
from chorus_gateway.graphql.publishing.post_types import Post
from chorus_gateway.graphql.publishing.rest import PublishingChannelPage, PublishingPostPage


@strawberry.input(description="Narrows a brand's posts; every condition given must hold.")
class PostFilter:
    states: list[PostState] | None = strawberry.field(default=None, description="Any of these states.")
    channel_id: strawberry.ID | None = strawberry.field(default=None, description="A variant on this channel.")
    scheduled_from: datetime | None = strawberry.field(default=None, description="Scheduled at or after.")
    scheduled_before: datetime | None = strawberry.field(default=None, description="Scheduled strictly before.")


async def post_page(
    info: GatewayInfo, brand_id: str, first: int | None, after: str | None, where: PostFilter | None
) -> Connection[Post]:
    where = where or PostFilter()
    params = page_params(
        "post",
        first,
        after,
        state=[s.value for s in where.states] if where.states else None,
        channel_id=None if where.channel_id is None else str(parse_id(where.channel_id, "where.channelId")),
        scheduled_from=None if where.scheduled_from is None else where.scheduled_from.isoformat(),
        scheduled_before=None if where.scheduled_before is None else where.scheduled_before.isoformat(),
    )
    path = f"/brands/{parse_id(brand_id, 'brandId')}/posts"
    page = await info.context.service("publishing").get(path, PublishingPostPage, params=params)
    return connection("post", page.items, page.next_after, after, Post.of)


async def channel_page(info: GatewayInfo, brand_id: str, first: int | None, after: str | None) -> Connection[Channel]:
    params = page_params("channel", first, after)
    path = f"/brands/{parse_id(brand_id, 'brandId')}/channels"
    page = await info.context.service("publishing").get(path, PublishingChannelPage, params=params)
    return connection("channel", page.items, page.next_after, after, Channel.of)
