"""GraphQL over HTTP: GET for queries only, media types by Accept, malformed bodies refused with 400."""

from __future__ import annotations

import httpx

from chorus_gateway.testing import NewAgency

GRAPHQL_RESPONSE = "application/graphql-response+json"


async def test_a_query_over_get_runs(client: httpx.AsyncClient, new_agency: NewAgency) -> None:
    agency = await new_agency()
    response = await client.get(
        "/graphql",
        params={"query": "{ viewer { role } }"},
        headers={"Authorization": f"Bearer {agency.api_key_plaintext}", "Accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"viewer": {"role": "OWNER"}}}


async def test_a_mutation_over_get_is_refused_with_405(client: httpx.AsyncClient) -> None:
    mutation = 'mutation { login(email: "a@example.com", password: "whatever") { __typename } }'
    response = await client.get("/graphql", params={"query": mutation}, headers={"Accept": "application/json"})
    assert response.status_code == 405
    assert "POST" in response.text


async def test_the_graphql_response_media_type_is_used_when_accepted(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Accept": f"{GRAPHQL_RESPONSE}, application/json"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == GRAPHQL_RESPONSE
    assert response.json() == {"data": {"__typename": "Query"}}


async def test_plain_json_clients_get_application_json(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "{ __typename }"}, headers={"Accept": "application/json"})
    assert response.headers["content-type"].startswith("application/json")


async def test_an_invalid_document_is_a_400_for_graphql_response_clients(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "{ noSuchField }"}, headers={"Accept": GRAPHQL_RESPONSE})
    assert response.status_code == 400
    assert "Cannot query field 'noSuchField'" in response.json()["errors"][0]["message"]


async def test_a_field_error_during_execution_stays_200(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", json={"query": "{ viewer { role } }"}, headers={"Accept": GRAPHQL_RESPONSE}
    )
    assert response.status_code == 200
    assert response.json()["errors"][0]["path"] == ["viewer"]


async def test_a_body_that_is_not_json_is_refused_with_400(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "JSON" in response.text


async def test_a_request_without_a_query_is_refused_with_400(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"variables": {}})
    assert response.status_code == 400


async def test_graphiql_is_served_in_development(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_health_endpoints_answer(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).status_code == 200
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok"}
