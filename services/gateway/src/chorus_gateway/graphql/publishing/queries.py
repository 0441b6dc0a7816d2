"""Publishing queries: posts (by brand, channel, state, scheduled range), the calendar, channels, validatePost."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from chorus_gateway.graphql.brands.loaders import publishing_brands
from chorus_gateway.graphql.connection import Connection
from chorus_gateway.graphql.info import GatewayInfo, documented_field
from chorus_gateway.graphql.planning_calendar.paging import parse_id
from chorus_gateway.graphql.problems import problem_from
from chorus_gateway.graphql.publishing.calendar import PostCalendar, calendar, check_range
from chorus_gateway.graphql.publishing.channel_types import Channel
from chorus_gateway.graphql.publishing.check_types import PostCheck
from chorus_gateway.graphql.publishing.inputs import ValidatePostInput
from chorus_gateway.graphql.publishing.lists import PostFilter, channel_page, post_page
from chorus_gateway.graphql.publishing.loaders import channels
from chorus_gateway.graphql.publishing.post_types import Post
from chorus_gateway.graphql.publishing.rest import PublishingPost, PublishingPostCheck
from chorus_gateway.graphql.publishing.results import PostCheckResult
from chorus_shared.errors import ChorusError, NotFound


@strawberry.type
class PublishingQuery:
    @documented_field("Null when the post does not exist or is outside your scope.")
    async def post(self, info: GatewayInfo, id: strawberry.ID) -> Post | None:
        try:
            found = await info.context.service("publishing").get(f"/posts/{parse_id(id, 'id')}", PublishingPost)
        except NotFound:
            return None
        return Post.of(found)

    @documented_field("The brand's posts, narrowed by state, channel and scheduled time (same as Brand.posts).")
    async def posts(
        self,
        info: GatewayInfo,
        brand_id: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
        where: PostFilter | None = None,
    ) -> Connection[Post]:
        return await post_page(info, brand_id, first, after, where)

    @documented_field(
        "The brand's scheduled and published posts from `from` to `to` (local dates, both included, at most 62 "
        "days), grouped by day in the brand's timezone. Null when publishing does not know the brand."
    )
    async def post_calendar(
        self,
        info: GatewayInfo,
        brand_id: strawberry.ID,
        from_: Annotated[date, strawberry.argument(name="from")],
        to: date,
    ) -> PostCalendar | None:
        check_range(from_, to)
        brand = await publishing_brands(info).load(parse_id(brand_id, "brandId"))
        if brand is None:
            return None
        return await calendar(info, brand.brand_id, brand.timezone, from_, to)

    @documented_field("Null when the channel does not exist or is outside your scope.")
    async def channel(self, info: GatewayInfo, id: strawberry.ID) -> Channel | None:
        found = await channels(info).load(parse_id(id, "id"))
        return None if found is None else Channel.of(found)

    @documented_field("The brand's connected accounts with their token health (same as Brand.channels).")
    async def channels(
        self, info: GatewayInfo, brand_id: strawberry.ID, first: int | None = None, after: str | None = None
    ) -> Connection[Channel]:
        return await channel_page(info, brand_id, first, after)

    @documented_field(
        "Checks content as the user types it against each channel's network (length counted its way, media) "
        "and the brand's guidelines; nothing is saved."
    )
    async def validate_post(self, info: GatewayInfo, input: ValidatePostInput) -> PostCheckResult:
        try:
            found = await info.context.service("publishing").post(
                "/posts/validate", PublishingPostCheck, json=input.body()
            )
        except ChorusError as error:
            return problem_from(error)
        return PostCheck.of(found)
