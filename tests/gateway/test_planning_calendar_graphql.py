"""The calendar and roadmap through the gateway's GraphQL, backed by the real planning service on PostgreSQL."""

from __future__ import annotations

import uuid
from typing import Any

from chorus_gateway.testing import GraphQL, NewAgency, add_member, login_token

ITEM_FIELDS = "id status plannedAt plannedLocal channels format"
CONTENT_ITEM = f"""
mutation($input: CreateContentItemInput!) {{
  createContentItem(input: $input) {{
    __typename
    ... on ContentItem {{ {ITEM_FIELDS} }}
    ... on Problem {{ message code }}
    ... on ValidationErrors {{ fields {{ field code }} }}
  }}
}}
"""
MOVE = f"""
mutation($brand: ID!, $id: ID!, $status: ContentStatus!) {{
  moveContentItem(brandId: $brand, id: $id, status: $status) {{
    __typename ... on ContentItem {{ {ITEM_FIELDS} }} ... on Problem {{ message code }}
  }}
}}
"""
HAND_OVER = f"""
mutation($brand: ID!, $id: ID!) {{
  handOverContentItem(brandId: $brand, id: $id) {{ __typename ... on ContentItem {{ {ITEM_FIELDS} }} }}
}}
"""
CALENDAR = """
query($brand: ID!, $date: Date!) {
  calendar(brandId: $brand, date: $date, view: WEEK) { timezone start end days { date items { id status } } }
}
"""
TASK = """
mutation($input: CreateRoadmapTaskInput!) {
  createRoadmapTask(input: $input) { __typename ... on RoadmapTask { id status steps { title done } } }
}
"""
UPDATE_TASK = """
mutation($input: UpdateRoadmapTaskInput!) {
  updateRoadmapTask(input: $input) { __typename ... on RoadmapTask { title dueAt steps { title } } }
}
"""
MOVE_TASK = """
mutation($brand: ID!, $id: ID!, $status: TaskStatus!, $comment: String) {
  moveRoadmapTask(brandId: $brand, id: $id, status: $status, comment: $comment) {
    __typename ... on RoadmapTask { status reviewComment } ... on Problem { code message }
  }
}
"""


async def _brand(gql: GraphQL, token: str) -> str:
    created = await gql(
        'mutation { createBrand(input: {name: "Maison", timezone: "Europe/Paris", languages: ["fr"]}) '
        "{ __typename ... on Brand { id } } }",
        token=token,
    )
    return str(created["data"]["createBrand"]["id"])


async def _item(gql: GraphQL, token: str, brand: str, **changes: Any) -> dict[str, Any]:
    body = {"brandId": brand, "title": "Teaser", "channels": ["BLUESKY"], "format": "REEL", **changes}
    result: dict[str, Any] = (await gql(CONTENT_ITEM, {"input": body}, token=token))["data"]["createContentItem"]
    return result


async def test_an_item_is_planned_moved_handed_over_and_shown_on_the_dst_week(
    gql_planning: GraphQL, new_agency: NewAgency
) -> None:
    token = (await new_agency()).api_key_plaintext
    brand = await _brand(gql_planning, token)
    skipped = await _item(gql_planning, token, brand, plannedLocal="2026-03-29T02:30:00")
    assert skipped["__typename"] == "ValidationErrors"
    assert skipped["fields"] == [{"field": "plannedLocal", "code": "nonexistent_local_time"}]

    item = await _item(gql_planning, token, brand, plannedLocal="2026-03-29T03:30:00")
    assert (item["plannedAt"], item["channels"], item["format"]) == ("2026-03-29T01:30:00+00:00", ["BLUESKY"], "REEL")
    refused = (await gql_planning(MOVE, {"brand": brand, "id": item["id"], "status": "READY"}, token=token))["data"]
    assert refused["moveContentItem"]["__typename"] == "Conflict"
    assert "cannot move to ready (allowed: planned)" in refused["moveContentItem"]["message"]
    for status in ("PLANNED", "IN_PRODUCTION", "READY"):
        await gql_planning(MOVE, {"brand": brand, "id": item["id"], "status": status}, token=token)
    handed = await gql_planning(HAND_OVER, {"brand": brand, "id": item["id"]}, token=token)
    assert handed["data"]["handOverContentItem"]["status"] == "HANDED_OVER"

    week = (await gql_planning(CALENDAR, {"brand": brand, "date": "2026-03-26"}, token=token))["data"]["calendar"]
    assert (week["timezone"], week["start"], week["end"], len(week["days"])) == (
        "Europe/Paris",
        "2026-03-23",
        "2026-03-29",
        7,
    )
    assert week["days"][-1]["items"] == [{"id": item["id"], "status": "HANDED_OVER"}]


async def test_a_client_of_another_brand_sees_no_calendar_and_cannot_review_tasks(
    gql_planning: GraphQL, new_agency: NewAgency
) -> None:
    agency = await new_agency()
    token = agency.api_key_plaintext
    brand = await _brand(gql_planning, token)
    body = {
        "brandId": brand,
        "title": "Weekly report",
        "assigneeId": str(uuid.uuid4()),
        "dueAt": "2026-05-04T08:00:00+00:00",
        "steps": [{"title": "Collect mentions"}],
    }
    task = (await gql_planning(TASK, {"input": body}, token=token))["data"]["createRoadmapTask"]
    assert (task["status"], task["steps"]) == ("TODO", [{"title": "Collect mentions", "done": False}])
    renamed = {"brandId": brand, "id": task["id"], "title": "Weekly listening report"}
    updated = (await gql_planning(UPDATE_TASK, {"input": renamed}, token=token))["data"]["updateRoadmapTask"]
    assert (updated["title"], updated["dueAt"], updated["steps"]) == (
        "Weekly listening report",
        "2026-05-04T08:00:00+00:00",
        [{"title": "Collect mentions"}],
    )
    early = {"brand": brand, "id": task["id"], "status": "SENT_BACK", "comment": "Too soon"}
    refused = (await gql_planning(MOVE_TASK, early, token=token))["data"]["moveRoadmapTask"]
    assert refused["__typename"] == "Conflict"
    assert "todo task cannot move to sent_back" in refused["message"]

    member = await add_member(gql_planning, token, role="client", brand_ids=[str(uuid.uuid4())])
    client_token = await login_token(gql_planning, member["email"])
    hidden = await gql_planning(CALENDAR, {"brand": brand, "date": "2026-03-26"}, token=client_token)
    assert hidden["data"]["calendar"] is None
    review = {"brand": brand, "id": task["id"], "status": "APPROVED"}
    denied = (await gql_planning(MOVE_TASK, review, token=client_token))["data"]["moveRoadmapTask"]
    assert denied["__typename"] == "NotFound"
