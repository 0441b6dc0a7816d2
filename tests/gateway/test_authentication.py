"""API keys and session tokens: good ones authenticate, missing / malformed / unknown / revoked ones are refused."""

from __future__ import annotations

import httpx

from chorus_gateway.testing import GraphQL, NewAgency

VIEWER = "{ viewer { role brandIds agency { name } apiKey { name lastUsedAt } user { email } } }"


async def test_a_valid_api_key_authenticates_as_its_role(gql: GraphQL, new_agency: NewAgency) -> None:
    agency = await new_agency(name="Blue Fox")
    body = await gql(VIEWER, token=agency.api_key_plaintext)
    viewer = body["data"]["viewer"]
    assert viewer["role"] == "OWNER"
    assert viewer["brandIds"] is None
    assert viewer["agency"]["name"] == "Blue Fox"
    assert viewer["apiKey"]["name"] == "Owner key"
    assert viewer["apiKey"]["lastUsedAt"] is not None
    assert viewer["user"] is None


async def test_a_query_without_credentials_is_refused_with_a_clear_error(gql: GraphQL) -> None:
    body = await gql(VIEWER)
    assert body["data"] is None
    error = body["errors"][0]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert "Authorization: Bearer" in error["message"]


async def test_an_unknown_api_key_is_refused_with_401(client: httpx.AsyncClient, new_agency: NewAgency) -> None:
    agency = await new_agency()
    prefix = agency.api_key.prefix
    forged = f"chorus_{prefix}_{'A' * 43}"
    response = await client.post("/graphql", json={"query": VIEWER}, headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401
    assert response.json()["error"] == {"code": "unauthenticated", "message": "Unknown API key.", "fields": []}


async def test_a_malformed_api_key_is_refused_with_401(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": VIEWER}, headers={"Authorization": "Bearer chorus_short"})
    assert response.status_code == 401
    assert "Malformed API key" in response.json()["error"]["message"]


async def test_a_malformed_authorization_header_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": VIEWER}, headers={"Authorization": "Basic dXNlcjpwdw=="})
    assert response.status_code == 401
    assert "Malformed Authorization header" in response.json()["error"]["message"]


async def test_a_revoked_api_key_is_refused(client: httpx.AsyncClient, gql: GraphQL, new_agency: NewAgency) -> None:
    agency = await new_agency()
    owner_key = agency.api_key_plaintext
    created = await gql(
        'mutation { createApiKey(input: {name: "CI", role: "analyst"}) '
        "{ ... on ApiKeyCreated { secret apiKey { id } } } }",
        token=owner_key,
    )
    key = created["data"]["createApiKey"]
    assert (await gql("{ viewer { role } }", token=key["secret"]))["data"]["viewer"]["role"] == "ANALYST"

    revoked = await gql(
        "mutation($id: ID!) { revokeApiKey(id: $id) { __typename ... on ApiKeyRevoked { apiKey { revokedAt } } } }",
        {"id": key["apiKey"]["id"]},
        token=owner_key,
    )
    assert revoked["data"]["revokeApiKey"]["apiKey"]["revokedAt"] is not None

    response = await client.post(
        "/graphql", json={"query": "{ viewer { role } }"}, headers={"Authorization": f"Bearer {key['secret']}"}
    )
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "This API key has been revoked."


async def test_a_forged_session_token_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", json={"query": "{ viewer { role } }"}, headers={"Authorization": "Bearer eyJhbGciOi.x.y"}
    )
    assert response.status_code == 401
    assert "neither a valid API key nor a valid session token" in response.json()["error"]["message"]


async def test_api_keys_are_listed_without_their_secret(gql: GraphQL, new_agency: NewAgency) -> None:
    agency = await new_agency()
    body = await gql("{ apiKeys(first: 10) { nodes { name prefix role } } }", token=agency.api_key_plaintext)
    assert body["data"]["apiKeys"]["nodes"] == [{"name": "Owner key", "prefix": agency.api_key.prefix, "role": "OWNER"}]
