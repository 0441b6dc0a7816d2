"""Channel plans and partnerships through GraphQL: a plan's segment, money beyond 32 bits, a deal's status moves."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from chorus_gateway.testing import GraphQL

Answer = Callable[..., Awaitable[dict[str, Any]]]
PROBLEM = "__typename ... on Problem { message code } ... on ValidationErrors { fields { field code } }"
CREATE_SEGMENT = f"""
mutation($input: CreateAudienceSegmentInput!) {{
  createAudienceSegment(input: $input) {{ {PROBLEM} ... on AudienceSegment {{ id }} }}
}}
"""
DELETE_SEGMENT = f"""
mutation($brand: ID!, $id: ID!) {{
  deleteAudienceSegment(brandId: $brand, id: $id) {{ {PROBLEM} ... on StrategyItemDeleted {{ id }} }}
}}
"""
CREATE_PLAN = f"""
mutation($input: CreateChannelPlanInput!) {{
  createChannelPlan(input: $input) {{ {PROBLEM} ... on ChannelPlan {{ id network segmentId }} }}
}}
"""
UPDATE_PLAN = f"""
mutation($input: UpdateChannelPlanInput!) {{
  updateChannelPlan(input: $input) {{ {PROBLEM} ... on ChannelPlan {{ network rationale segmentId }} }}
}}
"""
DELETE_PLAN = f"""
mutation($brand: ID!, $id: ID!) {{
  deleteChannelPlan(brandId: $brand, id: $id) {{ {PROBLEM} ... on StrategyItemDeleted {{ id }} }}
}}
"""
PARTNERSHIP_FIELDS = "id partnerName status terms { fee { amountMinor currency } startsOn endsOn }"
CREATE_PARTNERSHIP = f"""
mutation($input: CreatePartnershipInput!) {{
  createPartnership(input: $input) {{ {PROBLEM} ... on Partnership {{ {PARTNERSHIP_FIELDS} }} }}
}}
"""
UPDATE_PARTNERSHIP = f"""
mutation($input: UpdatePartnershipInput!) {{
  updatePartnership(input: $input) {{ {PROBLEM} ... on Partnership {{ {PARTNERSHIP_FIELDS} }} }}
}}
"""
MOVE_PARTNERSHIP = f"""
mutation($brand: ID!, $id: ID!, $status: PartnershipStatus!) {{
  changePartnershipStatus(brandId: $brand, id: $id, status: $status, note: "Signed") {{
    {PROBLEM} ... on Partnership {{ status }}
  }}
}}
"""
LISTS = """
query($brand: ID!) {
  brand(id: $brand) { channelPlans { nodes { network } } partnerships { nodes { partnerName status } } }
}
"""


async def test_a_segment_targeted_by_a_channel_plan_cannot_be_deleted_until_the_plan_goes(
    answer: Answer, owner_brand: tuple[str, str]
) -> None:
    token, brand = owner_brand
    segment = (await answer(CREATE_SEGMENT, token, input={"brandId": brand, "name": "B2B"}))["id"]
    plan = {"brandId": brand, "network": "LINKEDIN", "rationale": "Buyers read it", "segmentId": str(uuid.uuid4())}
    unknown = await answer(CREATE_PLAN, token, input=plan)
    assert unknown["fields"] == [{"field": "segmentId", "code": "unknown_segment"}]
    created = await answer(CREATE_PLAN, token, input={**plan, "segmentId": segment})
    assert (created["network"], created["segmentId"]) == ("LINKEDIN", segment)

    in_use = await answer(DELETE_SEGMENT, token, brand=brand, id=segment)
    assert (in_use["__typename"], in_use["code"]) == ("Conflict", "audience_segment_in_use")
    cleared = await answer(UPDATE_PLAN, token, input={"brandId": brand, "id": created["id"], "segmentId": None})
    assert cleared == {
        "__typename": "ChannelPlan",
        "network": "LINKEDIN",
        "rationale": "Buyers read it",
        "segmentId": None,
    }
    gone = await answer(DELETE_SEGMENT, token, brand=brand, id=segment)
    assert gone == {"__typename": "StrategyItemDeleted", "id": segment}
    assert (await answer(DELETE_SEGMENT, token, brand=brand, id=segment))["__typename"] == "NotFound"
    assert (await answer(DELETE_PLAN, token, brand=brand, id=created["id"]))["__typename"] == "StrategyItemDeleted"


async def test_a_partnership_fee_beyond_32_bits_and_its_status_moves(
    answer: Answer, owner_brand: tuple[str, str], gql_planning: GraphQL
) -> None:
    token, brand = owner_brand
    deal = {"brandId": brand, "partnerName": "Studio Nord", "partnerKind": "CREATOR"}
    no_currency = {**deal, "terms": {"feeAmountMinor": "150000"}}
    missing = await answer(CREATE_PARTNERSHIP, token, input=no_currency)
    assert missing["fields"] == [{"field": "terms.feeCurrency", "code": "required"}]
    not_a_number = {**deal, "terms": {"feeAmountMinor": "1500.00", "feeCurrency": "EUR"}}
    invalid = await answer(CREATE_PARTNERSHIP, token, input=not_a_number)
    assert invalid["fields"] == [{"field": "terms.feeAmountMinor", "code": "invalid"}]
    terms = {"feeAmountMinor": "250000000000", "feeCurrency": "eur", "startsOn": "2026-06-01", "endsOn": "2026-08-31"}
    created = await answer(CREATE_PARTNERSHIP, token, input={**deal, "terms": terms})
    assert (created["status"], created["terms"]["fee"]) == (
        "PROSPECT",
        {"amountMinor": "250000000000", "currency": "EUR"},
    )
    backwards = {"brandId": brand, "id": created["id"], "terms": {**terms, "endsOn": "2026-05-01"}}
    out_of_order = await answer(UPDATE_PARTNERSHIP, token, input=backwards)
    assert out_of_order["fields"] == [{"field": "terms.endsOn", "code": "out_of_order"}]
    renamed = await answer(
        UPDATE_PARTNERSHIP, token, input={"brandId": brand, "id": created["id"], "partnerName": "Nord"}
    )
    assert (renamed["partnerName"], renamed["terms"]) == ("Nord", created["terms"])

    moves = {"brand": brand, "id": created["id"]}
    skipped = await answer(MOVE_PARTNERSHIP, token, **moves, status="ACTIVE")
    assert (skipped["__typename"], skipped["code"]) == ("Conflict", "partnership_transition_not_allowed")
    for status in ("NEGOTIATING", "ACTIVE"):
        assert (await answer(MOVE_PARTNERSHIP, token, **moves, status=status))["status"] == status
    listed = (await gql_planning(LISTS, {"brand": brand}, token=token))["data"]["brand"]
    assert listed == {
        "channelPlans": {"nodes": []},
        "partnerships": {"nodes": [{"partnerName": "Nord", "status": "ACTIVE"}]},
    }
