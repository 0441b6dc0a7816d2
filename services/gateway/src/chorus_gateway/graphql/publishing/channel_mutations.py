"""Channel mutations: connect an account (token, or OAuth start + callback), disconnect, reconnect."""

from __future__ import annotations

import strawberry

from chorus_gateway.graphql.info import GatewayInfo, documented_mutation
from chorus_gateway.graphql.planning_calendar.paging import parse_id
from chorus_gateway.graphql.problems import problem_from
from chorus_gateway.graphql.publishing.channel_types import Channel, ChannelConnectStart
from chorus_gateway.graphql.publishing.enums import SocialNetwork
from chorus_gateway.graphql.publishing.inputs import ConnectChannelWithTokenInput
from chorus_gateway.graphql.publishing.rest import PublishingChannel, PublishingConnectStart
from chorus_gateway.graphql.publishing.results import ChannelConnectStartResult, ChannelResult
from chorus_shared.errors import ChorusError


@strawberry.type
class ChannelMutation:
    @documented_mutation("Connect a Mastodon, Bluesky or sandbox account with its token or app password.")
    async def connect_channel_with_token(self, info: GatewayInfo, input: ConnectChannelWithTokenInput) -> ChannelResult:
        try:
            path = f"/brands/{parse_id(input.brand_id, 'brandId')}/channels/token"
            return Channel.of(await info.context.service("publishing").post(path, PublishingChannel, json=input.body()))
        except ChorusError as error:
            return problem_from(error)

    @documented_mutation(
        "Start connecting an OAuth network (X, LinkedIn, Facebook, Instagram): where to send the user."
    )
    async def start_channel_connect(
        self, info: GatewayInfo, brand_id: strawberry.ID, network: SocialNetwork
    ) -> ChannelConnectStartResult:
        try:
            path = f"/brands/{parse_id(brand_id, 'brandId')}/channels/oauth/start"
            body = {"network": network.value}
            return ChannelConnectStart.of(
                await info.context.service("publishing").post(path, PublishingConnectStart, json=body)
            )
        except ChorusError as error:
            return problem_from(error)

    @documented_mutation("Finish an OAuth connection with the `state` and `code` the network sent back.")
    async def finish_channel_connect(self, info: GatewayInfo, state: str, code: str) -> ChannelResult:
        try:
            body = {"state": state, "code": code}
            path = "/channels/oauth/callback"
            return Channel.of(await info.context.service("publishing").post(path, PublishingChannel, json=body))
        except ChorusError as error:
            return problem_from(error)

    @documented_mutation("A fresh OAuth start for this channel's account, e.g. after it was disconnected.")
    async def reconnect_channel(self, info: GatewayInfo, id: strawberry.ID) -> ChannelConnectStartResult:
        try:
            path = f"/channels/{parse_id(id, 'id')}/reconnect"
            return ChannelConnectStart.of(await info.context.service("publishing").post(path, PublishingConnectStart))
        except ChorusError as error:
            return problem_from(error)

    @documented_mutation("Choose the page or account a pending Facebook or Instagram channel publishes as.")
    async def select_channel_account(self, info: GatewayInfo, id: strawberry.ID, account_id: str) -> ChannelResult:
        try:
            path = f"/channels/{parse_id(id, 'id')}/accounts/select"
            body = {"account_id": account_id}
            return Channel.of(await info.context.service("publishing").post(path, PublishingChannel, json=body))
        except ChorusError as error:
            return problem_from(error)

    @documented_mutation("Disconnect the channel: its posts are held, not lost, until it is connected again.")
    async def disconnect_channel(self, info: GatewayInfo, id: strawberry.ID) -> ChannelResult:
        try:
            path = f"/channels/{parse_id(id, 'id')}/disconnect"
            return Channel.of(await info.context.service("publishing").post(path, PublishingChannel))
        except ChorusError as error:
            return problem_from(error)
