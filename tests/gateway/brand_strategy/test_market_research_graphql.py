"""Audience segments with personas, competitors and research findings through GraphQL: field errors, partial
updates, pages."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from chorus_gateway.testing import GraphQL

Answer = Callable[..., Awaitable[dict[str, Any]]]
PROBLEM = "__typename ... on Problem { message code } ... on ValidationErrors { fields { field code } }"
SEGMENT_FIELDS = "id name ageMin ageMax locations { country } bestHours { weekday time } personas { name painPoints }"
CREATE_SEGMENT = f"""
mutation($input: CreateAudienceSegmentInput!) {{
  createAudienceSegment(input: $input) {{ {PROBLEM} ... on AudienceSegment {{ {SEGMENT_FIELDS} }} }}
}}
"""
UPDATE_SEGMENT = f"""
mutation($input: UpdateAudienceSegmentInput!) {{
  updateAudienceSegment(input: $input) {{ {PROBLEM} ... on AudienceSegment {{ {SEGMENT_FIELDS} version }} }}
}}
"""
CREATE_COMPETITOR = f"""
mutation($input: CreateCompetitorInput!) {{
  createCompetitor(input: $input) {{ {PROBLEM} ... on Competitor {{ id name handles {{ network handle }} }} }}
}}
"""
COMPETITORS = """
query($brand: ID!, $first: Int, $after: String) {
  brand(id: $brand) { competitors(first: $first, after: $after) { nodes { name } pageInfo { hasNextPage endCursor } } }
}
"""
FINDINGS_AFTER = """
query($brand: ID!, $after: String) { brand(id: $brand) { findings(after: $after) { nodes { id } } } }
"""
CREATE_FINDING = f"""
mutation($input: CreateResearchFindingInput!) {{
  createResearchFinding(input: $input) {{ {PROBLEM} ... on ResearchFinding {{ id sourceDate tags }} }}
}}
"""


async def test_a_segment_with_personas_is_refused_field_by_field_then_created_and_updated_in_part(
    answer: Answer, owner_brand: tuple[str, str]
) -> None:
    token, brand = owner_brand
    bad = {"brandId": brand, "name": "Young parents", "ageMin": 40, "ageMax": 25, "personas": [{"name": " "}]}
    refused = await answer(CREATE_SEGMENT, token, input=bad)
    assert refused["__typename"] == "ValidationErrors"
    assert sorted(f["field"] for f in refused["fields"]) == ["ageMax", "personas.0.name"]

    segment = {
        "brandId": brand,
        "name": "Young parents",
        "ageMin": 25,
        "ageMax": 40,
        "locations": [{"country": "fr"}],
        "networks": ["INSTAGRAM"],
        "preferredFormats": ["SHORT_VIDEO"],
        "bestHours": [{"weekday": "SAT", "time": "09:30:00"}, {"time": "20:00:00"}],
        "personas": [{"name": "Camille", "painPoints": ["No time"]}],
    }
    created = await answer(CREATE_SEGMENT, token, input=segment)
    assert created["locations"] == [{"country": "FR"}]
    assert created["bestHours"] == [{"weekday": None, "time": "20:00:00"}, {"weekday": "SAT", "time": "09:30:00"}]

    renamed = {"brandId": brand, "id": created["id"], "name": "New parents", "ageMax": None}
    updated = await answer(UPDATE_SEGMENT, token, input=renamed)
    assert (updated["name"], updated["ageMin"], updated["ageMax"], updated["version"]) == ("New parents", 25, None, 2)
    assert updated["personas"] == [{"name": "Camille", "painPoints": ["No time"]}]
    unknown = {"brandId": brand, "id": str(uuid.uuid4()), "name": "Ghost"}
    assert (await answer(UPDATE_SEGMENT, token, input=unknown))["__typename"] == "NotFound"


async def test_competitors_come_in_pages_whose_cursors_serve_no_other_list(
    answer: Answer, owner_brand: tuple[str, str], gql_planning: GraphQL
) -> None:
    token, brand = owner_brand
    bad_handle = {"brandId": brand, "name": "Rival", "handles": [{"network": "MASTODON", "handle": "rival"}]}
    refused = await answer(CREATE_COMPETITOR, token, input=bad_handle)
    assert refused["fields"] == [{"field": "handles.0.handle", "code": "invalid_handle"}]
    for name in ("Alpha", "Beta", "Gamma"):
        handles = [{"network": "BLUESKY", "handle": f"@{name}.bsky.social"}]
        made = await answer(CREATE_COMPETITOR, token, input={"brandId": brand, "name": name, "handles": handles})
        assert made["handles"] == [{"network": "BLUESKY", "handle": f"{name.lower()}.bsky.social"}]

    first = (await gql_planning(COMPETITORS, {"brand": brand, "first": 2}, token=token))["data"]["brand"]["competitors"]
    assert (len(first["nodes"]), first["pageInfo"]["hasNextPage"]) == (2, True)
    after = first["pageInfo"]["endCursor"]
    rest = (await gql_planning(COMPETITORS, {"brand": brand, "after": after}, token=token))["data"]["brand"]
    names = [n["name"] for n in first["nodes"] + rest["competitors"]["nodes"]]
    assert (sorted(names), rest["competitors"]["pageInfo"]["hasNextPage"]) == (["Alpha", "Beta", "Gamma"], False)

    misused = await gql_planning(FINDINGS_AFTER, {"brand": brand, "after": after}, token=token)
    assert misused["data"]["brand"]["findings"] is None
    assert misused["errors"][0]["extensions"]["fields"][0]["code"] == "invalid_cursor"
    too_many = await gql_planning(COMPETITORS, {"brand": brand, "first": 101}, token=token)
    assert too_many["errors"][0]["extensions"]["fields"][0]["field"] == "first"


async def test_a_finding_cannot_cite_a_source_from_the_future_and_its_tags_are_normalised(
    answer: Answer, owner_brand: tuple[str, str]
) -> None:
    token, brand = owner_brand
    past_tomorrow_everywhere = (dt.datetime.now(dt.UTC) + dt.timedelta(days=2)).date().isoformat()
    future = {"brandId": brand, "summary": "Gen Z buys on TikTok", "sourceDate": past_tomorrow_everywhere}
    assert (await answer(CREATE_FINDING, token, input=future))["fields"] == [
        {"field": "sourceDate", "code": "in_future"}
    ]
    found = {**future, "sourceDate": "2026-01-15", "tags": ["Gen Z", "gen z"]}
    created = await answer(CREATE_FINDING, token, input=found)
    assert (created["sourceDate"], created["tags"]) == ("2026-01-15", ["gen-z"])
