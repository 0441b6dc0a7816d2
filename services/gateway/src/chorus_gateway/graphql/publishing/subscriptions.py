"""`postStateChanged(brandId)`: live post state changes of one brand, over graphql-transport-ws.

The caller authenticates in the connection_init payload (`{"authorization": "Bearer ..."}`); only changes of the
caller's tenant and of a brand in their scope reach them.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable
from datetime import datetime
from typing import cast

import strawberry

from chorus_gateway.graphql.info import GatewayInfo, ResolverT, documented_field
from chorus_gateway.graphql.planning_calendar.paging import parse_id
from chorus_gateway.graphql.publishing.enums import PostState
from chorus_gateway.graphql.publishing.event_hub import PostStateEvent
from chorus_gateway.graphql.publishing.post_types import Post
from chorus_gateway.graphql.publishing.rest import PublishingPost
from chorus_shared.auth import Permission, require_permission
from chorus_shared.errors import NotFound


def _subscription(description: str) -> Callable[[ResolverT], ResolverT]:
    return cast(Callable[[ResolverT], ResolverT], strawberry.subscription(description=description))


@strawberry.type(description="A post moved from one state to another: who moved it and why.")
class PostStateChange:
    post_id: strawberry.ID
    brand_id: strawberry.ID
    from_state: PostState | None = strawberry.field(description="Null when the post was just created.")
    to_state: PostState
    by: str | None
    reason: str | None
    at: datetime
    event_id: str = strawberry.field(description="The bus event's id: the same change is never two events.")
    event_type: str = strawberry.field(description="e.g. chorus.publishing.post.approved.v1")

    @documented_field("The post as it is now; null if it has gone out of your scope.")
    async def post(self, info: GatewayInfo) -> Post | None:
        try:
            found = await info.context.service("publishing").get(f"/posts/{self.post_id}", PublishingPost)
        except NotFound:
            return None
        return Post.of(found)

    @classmethod
    def of(cls, change: PostStateEvent) -> PostStateChange:
        return cls(
            post_id=strawberry.ID(str(change.post_id)),
            brand_id=strawberry.ID(str(change.brand_id)),
            from_state=None if change.from_state is None else PostState(change.from_state),
            to_state=PostState(change.to_state),
            by=change.by,
            reason=change.reason,
            at=change.at,
            event_id=change.event_id,
            event_type=change.event_type,
        )


@strawberry.type
class PublishingSubscription:
    @_subscription("Each state change of the brand's posts from now on.")
    async def post_state_changed(
        self, info: GatewayInfo, brand_id: strawberry.ID
    ) -> AsyncGenerator[PostStateChange, None]:
        principal = info.context.require_principal()
        require_permission(principal, Permission.READ)
        brand = parse_id(brand_id, "brandId")
        if not principal.can_see_brand(brand):
            raise NotFound(f"No brand {brand} in your scope.")
        async with info.context.post_events().subscribe(principal.tenant_id, brand) as changes:
            while True:
                yield PostStateChange.of(await changes.get())
