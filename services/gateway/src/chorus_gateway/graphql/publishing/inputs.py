"""GraphQL inputs of posts and channels, and their REST bodies (snake_case, only what was given)."""

from __future__ import annotations

from typing import Any

import strawberry

from chorus_gateway.graphql.publishing.enums import SocialNetwork


@strawberry.input(description="A media file of the brand's library, with its alt text.")
class PostMediaInput:
    media_id: strawberry.ID
    alt_text: str | None = None


@strawberry.input(description="What the post says on one channel.")
class PostVariantInput:
    network: SocialNetwork
    channel_id: strawberry.ID | None = strawberry.field(default=None, description="Needed to submit.")
    text: str = ""
    media: list[PostMediaInput] = strawberry.field(default_factory=list)
    link: str | None = None
    thread: list[str] = strawberry.field(default_factory=list, description="Replies after the first item.")
    first_comment: str | None = None

    def body(self) -> dict[str, Any]:
        return {
            "network": self.network.value,
            "channel_id": self.channel_id,
            "text": self.text,
            "media": [{"media_id": m.media_id, "alt_text": m.alt_text} for m in self.media],
            "link": self.link,
            "thread": self.thread,
            "first_comment": self.first_comment,
        }


@strawberry.input
class CreatePostInput:
    brand_id: strawberry.ID
    variants: list[PostVariantInput]
    campaign_id: strawberry.ID | None = None
    content_item_id: strawberry.ID | None = strawberry.field(default=None, description="The planning item.")

    def body(self) -> dict[str, Any]:
        return {
            "brand_id": self.brand_id,
            "campaign_id": self.campaign_id,
            "content_item_id": self.content_item_id,
            "variants": [v.body() for v in self.variants],
        }


@strawberry.input(description="The draft's new content: the variants replace the old ones.")
class UpdatePostInput:
    id: strawberry.ID
    variants: list[PostVariantInput]
    campaign_id: strawberry.ID | None = None

    def body(self) -> dict[str, Any]:
        return {"campaign_id": self.campaign_id, "variants": [v.body() for v in self.variants]}


@strawberry.input(description="Content as the user types it, checked without being saved.")
class ValidatePostInput:
    brand_id: strawberry.ID
    variants: list[PostVariantInput]
    campaign_id: strawberry.ID | None = None

    def body(self) -> dict[str, Any]:
        return {
            "brand_id": self.brand_id,
            "campaign_id": self.campaign_id,
            "variants": [v.body() for v in self.variants],
        }


@strawberry.input(description="Mastodon (access token + instance), Bluesky (handle + app password) or sandbox.")
class ConnectChannelWithTokenInput:
    brand_id: strawberry.ID
    network: SocialNetwork
    secret: str = strawberry.field(description="Access token or app password; stored encrypted, never shown again.")
    account: str | None = strawberry.field(default=None, description="Bluesky handle, sandbox account name.")
    instance_url: str | None = strawberry.field(default=None, description="Mastodon instance, Bluesky PDS.")

    def body(self) -> dict[str, Any]:
        return {
            "network": self.network.value,
            "secret": self.secret,
            "account": self.account,
            "instance_url": self.instance_url,
        }
