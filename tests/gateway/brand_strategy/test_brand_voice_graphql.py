"""A brand's guidelines and policies through GraphQL; who may read and write a brand's strategy."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from chorus_gateway.testing import GraphQL, NewAgency, add_member, login_token

Answer = Callable[..., Awaitable[dict[str, Any]]]
PROBLEM = "__typename ... on Problem { message code } ... on ValidationErrors { fields { field code } }"
SET_GUIDELINES = f"""
mutation($brand: ID!, $input: BrandGuidelinesInput!) {{
  setBrandGuidelines(brandId: $brand, input: $input) {{
    {PROBLEM} ... on Brand {{ guidelines {{ bannedWords bannedTopics {{ name keywords }} mandatoryDisclaimers }} }}
  }}
}}
"""
SET_POLICIES = f"""
mutation($brand: ID!, $input: BrandPoliciesInput!) {{
  setBrandPolicies(brandId: $brand, input: $input) {{ {PROBLEM} ... on Brand {{ version }} }}
}}
"""
BRAND = """
query($brand: ID!) {
  brand(id: $brand) {
    clientName guidelines { tone bannedWords } policies { approvalPolicy latePostMode lateWindowMinutes }
  }
}
"""
CHECK = """
query($brand: ID!, $text: String!) {
  checkAgainstGuidelines(brandId: $brand, text: $text) { onBrand violations { kind rule start end } }
}
"""
CREATE_COMPETITOR = f"""
mutation($input: CreateCompetitorInput!) {{ createCompetitor(input: $input) {{ {PROBLEM} }} }}
"""
STRATEGY = """
query($brand: ID!) { brand(id: $brand) { competitors { nodes { name } } segments { nodes { name } } } }
"""


async def test_guidelines_and_policies_show_on_the_brand_and_a_draft_is_checked(
    answer: Answer, owner_brand: tuple[str, str], gql_planning: GraphQL
) -> None:
    token, brand = owner_brand
    guidelines = {
        "tone": "Warm",
        "bannedWords": ["cheap"],
        "bannedTopics": [{"name": "politics", "keywords": ["election"]}],
        "mandatoryDisclaimers": ["#ad"],
    }
    set_ = await answer(SET_GUIDELINES, token, brand=brand, input=guidelines)
    assert set_["guidelines"]["bannedTopics"] == [{"name": "politics", "keywords": ["election"]}]

    checked = await answer(CHECK, token, brand=brand, text="So cheap before the election!")
    assert checked["onBrand"] is False
    assert [(v["kind"], v["rule"], v["start"]) for v in checked["violations"]] == [
        ("BANNED_WORD", "cheap", 3),
        ("BANNED_TOPIC", "politics", 20),
        ("MISSING_DISCLAIMER", "#ad", None),
    ]
    assert await answer(CHECK, token, brand=brand, text="Our new collection #ad") == {"onBrand": True, "violations": []}

    no_window = {"approvalPolicy": "CLIENT", "latePostMode": "PUBLISH_LATE"}
    refused = await answer(SET_POLICIES, token, brand=brand, input=no_window)
    assert (refused["__typename"], refused["fields"]) == (
        "ValidationErrors",
        [{"field": "lateWindowMinutes", "code": "required"}],
    )
    await answer(SET_POLICIES, token, brand=brand, input={"approvalPolicy": "CLIENT", "latePostMode": "MARK_MISSED"})
    shown = (await gql_planning(BRAND, {"brand": brand}, token=token))["data"]["brand"]
    assert shown == {
        "clientName": None,
        "guidelines": {"tone": "Warm", "bannedWords": ["cheap"]},
        "policies": {"approvalPolicy": "CLIENT", "latePostMode": "MARK_MISSED", "lateWindowMinutes": None},
    }


async def test_analysts_read_strategy_and_client_users_see_only_their_brand_s_voice(
    answer: Answer, owner_brand: tuple[str, str], gql_planning: GraphQL
) -> None:
    token, brand = owner_brand
    competitor = {"brandId": brand, "name": "Rival"}
    await answer(CREATE_COMPETITOR, token, input=competitor)

    analyst = await login_token(gql_planning, (await add_member(gql_planning, token, role="analyst"))["email"])
    assert (await answer(CREATE_COMPETITOR, analyst, input=competitor))["__typename"] == "NotAllowed"
    seen = (await gql_planning(STRATEGY, {"brand": brand}, token=analyst))["data"]["brand"]
    assert seen == {"competitors": {"nodes": [{"name": "Rival"}]}, "segments": {"nodes": []}}

    member = await add_member(gql_planning, token, role="client", brand_ids=[brand])
    client = await login_token(gql_planning, member["email"])
    assert (await gql_planning(BRAND, {"brand": brand}, token=client))["data"]["brand"]["guidelines"]["tone"] == ""
    hidden = await gql_planning(STRATEGY, {"brand": brand}, token=client)
    assert hidden["data"]["brand"] == {"competitors": None, "segments": None}
    assert {e["extensions"]["code"] for e in hidden["errors"]} == {"FORBIDDEN"}
    refused = await answer(SET_GUIDELINES, client, brand=brand, input={"tone": "Cold"})
    assert refused["__typename"] == "NotAllowed"


async def test_another_agency_finds_neither_the_brand_nor_its_strategy(
    answer: Answer, owner_brand: tuple[str, str], new_agency: NewAgency
) -> None:
    _, brand = owner_brand
    other = (await new_agency()).api_key_plaintext
    assert await answer(CHECK, other, brand=brand, text="hi") is None
    assert (await answer(CREATE_COMPETITOR, other, input={"brandId": brand, "name": "Rival"}))[
        "__typename"
    ] == "NotFound"
    assert (await answer(SET_GUIDELINES, other, brand=brand, input={"tone": "Cold"}))["__typename"] == "NotFound"


async def test_the_client_name_is_set_with_the_brand_and_cleared_by_an_empty_string(
    answer: Answer, owner_brand: tuple[str, str]
) -> None:
    token, _ = owner_brand
    create = "mutation($input: CreateBrandInput!) { createBrand(input: $input) { ... on Brand { id clientName } } }"
    made = {"name": "Lumière", "timezone": "Europe/Paris", "languages": ["fr"], "clientName": "Lumière SAS"}
    created = await answer(create, token, input=made)
    assert created["clientName"] == "Lumière SAS"
    update = "mutation($input: UpdateBrandInput!) { updateBrand(input: $input) { ... on Brand { name clientName } } }"
    cleared = await answer(update, token, input={"id": created["id"], "clientName": ""})
    assert cleared == {"name": "Lumière", "clientName": None}
