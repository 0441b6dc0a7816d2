"""Sharing a post now through GraphQL: refused before approval, then one publication per channel, due now."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from chorus_gateway.testing import GraphQL, NewAgency
from chorus_shared.messaging.contracts.planning_brand_voice import ApprovalPolicy

Maker = Callable[..., Awaitable[str]]
CREATE = """
mutation($input: CreatePostInput!) { createPost(input: $input) { __typename ... on Post { id } } }
"""
SHARE = """
mutation($id: ID!) {
  sharePostNow(id: $id) { __typename ... on Post { state publications { state timing } } ... on Problem { code } }
}
"""
SUBMIT = "mutation($id: ID!) { submitPost(id: $id) { __typename ... on Post { state } } }"


async def test_share_now_needs_an_approved_post_then_sends_it_at_once(
    gql_services: GraphQL, new_agency: NewAgency, new_brand: Maker, new_channel: Maker
) -> None:
    agency = await new_agency()
    token = agency.api_key_plaintext
    brand = await new_brand(token, agency.agency.id, ApprovalPolicy.NONE)
    channel = await new_channel(token, brand)
    variant = {"network": "SANDBOX", "channelId": channel, "text": "Doors open at nine."}
    made = await gql_services(CREATE, {"input": {"brandId": brand, "variants": [variant]}}, token=token)
    post = made["data"]["createPost"]["id"]

    early: dict[str, Any] = (await gql_services(SHARE, {"id": post}, token=token))["data"]["sharePostNow"]
    assert early["__typename"] == "Conflict"  # a draft is not shared

    assert (await gql_services(SUBMIT, {"id": post}, token=token))["data"]["submitPost"]["state"] == "APPROVED"
    shared = (await gql_services(SHARE, {"id": post}, token=token))["data"]["sharePostNow"]
    assert shared["state"] == "SCHEDULED"
    assert shared["publications"] == [{"state": "SCHEDULED", "timing": "NOW"}]
