"""Choosing the page a Facebook or Instagram channel publishes as, through GraphQL (the choice itself is tested on
publishing's REST against a fake Graph API; here: the GraphQL surface and its refusals)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from chorus_gateway.testing import GraphQL, NewAgency

Maker = Callable[..., Awaitable[str]]

CHOICES = "query($id: ID!) { channel(id: $id) { tokenHealth { status } accountChoices { id name } } }"
SELECT = """
mutation($id: ID!, $account: String!) {
  selectChannelAccount(id: $id, accountId: $account) { __typename ... on Problem { code } }
}
"""


async def test_a_connected_channel_has_no_choices_and_cannot_be_switched_to_another_page(
    gql_services: GraphQL, new_agency: NewAgency, new_brand: Maker, new_channel: Maker
) -> None:
    agency = await new_agency()
    token = agency.api_key_plaintext
    channel = await new_channel(token, await new_brand(token, agency.agency.id))

    shown = (await gql_services(CHOICES, {"id": channel}, token=token))["data"]["channel"]
    assert shown == {"tokenHealth": {"status": "CONNECTED"}, "accountChoices": []}

    refused = (await gql_services(SELECT, {"id": channel, "account": "1010"}, token=token))["data"]
    assert refused["selectChannelAccount"] == {"__typename": "Conflict", "code": "channel_not_choosing"}
