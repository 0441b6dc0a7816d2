"""A brand's connected account in GraphQL, with its token health. Tokens themselves are never part of it."""

from __future__ import annotations

from datetime import datetime

import strawberry

from chorus_gateway.graphql.info import GatewayInfo, documented_field
from chorus_gateway.graphql.publishing.enums import ChannelStatus, SocialNetwork
from chorus_gateway.graphql.publishing.queue_slots import QueueSlot, channel_slots
from chorus_gateway.graphql.publishing.rest import PublishingAccountChoices, PublishingChannel, PublishingConnectStart


@strawberry.type(description="Whether the channel's token works, when it expires and how to reconnect it.")
class TokenHealth:
    status: ChannelStatus
    expires_at: datetime | None = strawberry.field(description="Null when the network's tokens do not expire.")
    last_refresh_at: datetime | None
    refresh_due_at: datetime | None = strawberry.field(description="When publishing refreshes it, ahead of expiry.")
    last_error: str | None = strawberry.field(description="Why the last refresh or publication was refused.")
    reconnect_path: str = strawberry.field(description="The REST path that starts reconnecting this channel.")


@strawberry.type(description="A page or account a pending channel may publish as.")
class AccountChoice:
    id: str
    name: str


@strawberry.type(description="A brand's account on a social network that posts go out on.")
class Channel:
    id: strawberry.ID
    brand_id: strawberry.ID
    network: SocialNetwork
    account_id: str
    display_name: str
    instance_url: str | None = strawberry.field(description="Mastodon instance or Bluesky PDS; null elsewhere.")
    scopes: list[str]
    connected_at: datetime
    connected_by: str
    disconnected_at: datetime | None
    token_health: TokenHealth

    @documented_field("While PENDING: the pages or accounts the signed-in user may publish as (never tokens).")
    async def account_choices(self, info: GatewayInfo) -> list[AccountChoice]:
        if self.token_health.status is not ChannelStatus.PENDING:
            return []
        found = await info.context.service("publishing").get(f"/channels/{self.id}/accounts", PublishingAccountChoices)
        return [AccountChoice(id=choice.id, name=choice.name) for choice in found.items]

    @documented_field("The weekly slots its queue publishes at, by weekday and time.")
    async def queue_slots(self, info: GatewayInfo) -> list[QueueSlot]:
        return await channel_slots(info, self.id)

    @classmethod
    def of(cls, channel: PublishingChannel) -> Channel:
        return cls(
            id=strawberry.ID(str(channel.id)),
            brand_id=strawberry.ID(str(channel.brand_id)),
            network=SocialNetwork(channel.network),
            account_id=channel.account_id,
            display_name=channel.display_name,
            instance_url=channel.instance_url,
            scopes=channel.scopes,
            connected_at=channel.connected_at,
            connected_by=channel.connected_by,
            disconnected_at=channel.disconnected_at,
            token_health=TokenHealth(
                status=ChannelStatus(channel.status),
                expires_at=channel.token_expires_at,
                last_refresh_at=channel.last_refreshed_at,
                refresh_due_at=channel.refresh_due_at,
                last_error=channel.last_error,
                reconnect_path=channel.reconnect_url,
            ),
        )


@strawberry.type(description="Send the person's browser to authorizationUrl; the network brings them back.")
class ChannelConnectStart:
    authorization_url: str
    network: SocialNetwork
    expires_at: datetime

    @classmethod
    def of(cls, start: PublishingConnectStart) -> ChannelConnectStart:
        return cls(
            authorization_url=start.authorization_url, network=SocialNetwork(start.network), expires_at=start.expires_at
        )
