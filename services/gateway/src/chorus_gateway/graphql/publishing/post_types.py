"""A post in GraphQL: its variants per channel, history, comments, approval state and publications."""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from chorus_gateway.graphql.info import GatewayInfo, documented_field
from chorus_gateway.graphql.publishing.channel_types import Channel
from chorus_gateway.graphql.publishing.enums import ApprovalStatus, PostState, SocialNetwork
from chorus_gateway.graphql.publishing.loaders import channels, post_histories
from chorus_gateway.graphql.publishing.publication_types import Publication
from chorus_gateway.graphql.publishing.rest import (
    PublishingComment,
    PublishingHistoryEntry,
    PublishingPost,
    PublishingPublicationPage,
    PublishingVariant,
)
from chorus_gateway.graphql.publishing.shortfall_type import Shortfall

_APPROVAL_STATES = {
    "pending_approval": ApprovalStatus.PENDING,
    "approved": ApprovalStatus.APPROVED,
    "rejected": ApprovalStatus.REJECTED,
}


@strawberry.type(description="A media file of the brand's library attached to a variant.")
class PostMedia:
    media_id: strawberry.ID
    alt_text: str | None


@strawberry.type(description="What the post says on one channel.")
class PostVariant:
    position: int
    network: SocialNetwork
    channel_id: strawberry.ID | None
    text: str
    media: list[PostMedia]
    link: str | None
    thread: list[str] = strawberry.field(description="Replies after the first item.")
    first_comment: str | None
    network_post_id: str | None
    url: str | None = strawberry.field(description="Where the published variant can be seen.")
    published_at: datetime | None
    shortfalls: list[Shortfall] = strawberry.field(
        description="What did not go out once the variant was live (first comment, later thread items)."
    )

    @documented_field("The connected account; null when none is named or it is outside your scope.")
    async def channel(self, info: GatewayInfo) -> Channel | None:
        if self.channel_id is None:
            return None
        found = await channels(info).load(uuid.UUID(self.channel_id))
        return None if found is None else Channel.of(found)

    @classmethod
    def of(cls, position: int, v: PublishingVariant) -> PostVariant:
        return cls(
            position=position,
            network=SocialNetwork(v.network),
            channel_id=None if v.channel_id is None else strawberry.ID(str(v.channel_id)),
            text=v.text,
            media=[PostMedia(media_id=strawberry.ID(str(m.media_id)), alt_text=m.alt_text) for m in v.media],
            link=v.link,
            thread=v.thread,
            first_comment=v.first_comment,
            network_post_id=v.network_post_id,
            url=v.url,
            published_at=v.published_at,
            shortfalls=Shortfall.all_of(v.shortfalls),
        )


@strawberry.type(description="A state change of the post: who made it and why.")
class PostHistoryEntry:
    at: datetime
    by: str
    from_state: PostState | None
    to_state: PostState
    reason: str | None

    @classmethod
    def of(cls, e: PublishingHistoryEntry) -> PostHistoryEntry:
        from_state = None if e.from_state is None else PostState(e.from_state)
        return cls(at=e.at, by=e.by, from_state=from_state, to_state=PostState(e.to_state), reason=e.reason)


@strawberry.type(description="A remark in the post's approval conversation.")
class PostComment:
    id: strawberry.ID
    author: str
    text: str
    at: datetime


@strawberry.type(description="The post's last approval step: submitted, approved or rejected, by whom and why.")
class PostApproval:
    status: ApprovalStatus
    decided_by: str | None = strawberry.field(description="Who submitted, approved or rejected it last.")
    decided_at: datetime | None
    reason: str | None = strawberry.field(description="The rejection's reason (the recorded no) or approval note.")


@strawberry.type(description="Content for a brand, one variant per channel, on its way from draft to published.")
class Post:
    id: strawberry.ID
    brand_id: strawberry.ID
    campaign_id: strawberry.ID | None
    content_item_id: strawberry.ID | None = strawberry.field(description="The planning item it was made from.")
    state: PostState
    variants: list[PostVariant]
    created_by: str
    created_at: datetime
    updated_at: datetime
    planned_at: datetime | None = strawberry.field(description="When planning meant it to go out.")
    scheduled_at: datetime | None

    @documented_field("Every state change, oldest first.")
    async def history(self, info: GatewayInfo) -> list[PostHistoryEntry]:
        return [PostHistoryEntry.of(e) for e in await post_histories(info).load(uuid.UUID(self.id))]

    @documented_field("Where the post stands with approval, from its history.")
    async def approval(self, info: GatewayInfo) -> PostApproval:
        entries = await post_histories(info).load(uuid.UUID(self.id))
        last = next((e for e in reversed(entries) if e.to_state in _APPROVAL_STATES), None)
        if last is None:
            return PostApproval(status=ApprovalStatus.NOT_SUBMITTED, decided_by=None, decided_at=None, reason=None)
        status = _APPROVAL_STATES[last.to_state]
        return PostApproval(status=status, decided_by=last.by, decided_at=last.at, reason=last.reason)

    @documented_field("The approval conversation, oldest first.")
    async def comments(self, info: GatewayInfo) -> list[PostComment]:
        path = f"/posts/{self.id}/comments"
        found = await info.context.service("publishing").get(path, list[PublishingComment])
        return [PostComment(id=strawberry.ID(str(c.id)), author=c.author, text=c.text, at=c.at) for c in found]

    @documented_field("One per channel once scheduled: status, attempts and history.")
    async def publications(self, info: GatewayInfo) -> list[Publication]:
        path = f"/posts/{self.id}/publications"
        page = await info.context.service("publishing").get(path, PublishingPublicationPage)
        return [Publication.of(p) for p in page.items]

    @classmethod
    def of(cls, post: PublishingPost) -> Post:
        return cls(
            id=strawberry.ID(str(post.id)),
            brand_id=strawberry.ID(str(post.brand_id)),
            campaign_id=None if post.campaign_id is None else strawberry.ID(str(post.campaign_id)),
            content_item_id=None if post.content_item_id is None else strawberry.ID(str(post.content_item_id)),
            state=PostState(post.state),
            variants=[PostVariant.of(i, v) for i, v in enumerate(post.variants)],
            created_by=post.created_by,
            created_at=post.created_at,
            updated_at=post.updated_at,
            planned_at=post.planned_at,
            scheduled_at=post.scheduled_at,
        )
