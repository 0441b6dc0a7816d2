"""Abusive queries are refused before they run: depth, aliases, tokens, cost; introspection is off in production."""

from __future__ import annotations

from graphql import GraphQLError

from chorus_gateway.graphql.error_masking import _visible
from chorus_gateway.testing import GraphQL, NewAgency, gateway_client, settings_for
from chorus_shared.testing.postgres import MigratedDatabase


async def test_a_too_deep_query_is_refused(gql: GraphQL) -> None:
    nested = "user { id }"
    for _ in range(5):
        nested = f"edges {{ node {{ {nested} }} }}"
    body = await gql("query TooDeep { members { " + nested + " } }")
    assert body["data"] is None
    assert "'TooDeep' exceeds maximum operation depth of 10" in body["errors"][0]["message"]


async def test_too_many_aliases_are_refused(gql: GraphQL) -> None:
    aliases = " ".join(f"a{i}: viewer {{ role }}" for i in range(16))
    body = await gql("{ " + aliases + " }")
    assert body["data"] is None
    assert "aliases found. Allowed: 15" in body["errors"][0]["message"]


async def test_too_many_tokens_are_refused(gql: GraphQL) -> None:
    body = await gql("{ " + "viewer { role } " * 600 + "}")
    assert "more than 2000 tokens" in body["errors"][0]["message"]


MEMBERS_PAGE = "members(first: 100) { nodes { id role createdAt user { id email displayName } } }"


async def test_a_costly_query_is_refused_with_its_cost(gql: GraphQL, new_agency: NewAgency) -> None:
    agency = await new_agency()
    costly = "{ " + " ".join(f"m{i}: {MEMBERS_PAGE}" for i in range(7)) + " }"
    body = await gql(costly, token=agency.api_key_plaintext)
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert body["errors"][0]["message"].startswith("Query cost 5607 exceeds the limit of 5000")


async def test_the_page_size_sent_in_variables_counts_towards_cost(
    new_agency: NewAgency, gateway_database: MigratedDatabase
) -> None:
    agency = await new_agency()
    query = "query($n: Int) { members(first: $n) { nodes { id role createdAt user { id email displayName } } } }"
    async with gateway_client(settings_for(gateway_database, max_query_cost=500)) as client:
        gql = GraphQL(client)
        cheap = await gql(query, {"n": 5}, token=agency.api_key_plaintext)
        costly = await gql(query, {"n": 100}, token=agency.api_key_plaintext)
    assert "errors" not in cheap
    assert costly["errors"][0]["message"].startswith("Query cost 801 exceeds the limit of 500")


INTROSPECTION = "{ __schema { queryType { name } } }"


async def test_introspection_works_in_development(gql: GraphQL) -> None:
    assert (await gql(INTROSPECTION))["data"] == {"__schema": {"queryType": {"name": "Query"}}}


async def test_introspection_is_off_in_production(gateway_database: MigratedDatabase) -> None:
    async with gateway_client(settings_for(gateway_database, env="production")) as client:
        response = await client.post("/graphql", json={"query": INTROSPECTION})
        ide = await client.get("/graphql", headers={"Accept": "text/html"})
    assert response.json()["data"] is None
    assert "introspection" in response.json()["errors"][0]["message"].lower()
    assert ide.status_code == 404


def test_unexpected_errors_are_masked_for_clients() -> None:
    leaked = GraphQLError("boom", original_error=RuntimeError('relation "users" SELECT password_hash FROM users'))
    shown = _visible(leaked)
    assert shown.message.startswith("Unexpected error (correlation id")
    assert "SELECT" not in shown.message
    assert shown.extensions == {"code": "INTERNAL_ERROR"}
