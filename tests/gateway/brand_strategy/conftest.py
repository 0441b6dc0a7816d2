"""The gateway reaching the real planning app in process (planning on PostgreSQL, the embedded bus beside it),
an agency owner with a fresh brand, and a way to read the one field a GraphQL operation answers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from chorus_gateway.testing import GraphQL, NewAgency

CREATE_BRAND = """
mutation { createBrand(input: {name: "Maison", timezone: "Europe/Paris", languages: ["fr"]}) { ... on Brand { id } } }
"""


@pytest.fixture
async def owner_brand(gql_planning: GraphQL, new_agency: NewAgency) -> tuple[str, str]:
    """(the API key of a new agency's owner, the id of a brand of that agency)."""
    token = (await new_agency()).api_key_plaintext
    created = await gql_planning(CREATE_BRAND, token=token)
    return token, str(created["data"]["createBrand"]["id"])


@pytest.fixture
def answer(gql_planning: GraphQL) -> Callable[..., Awaitable[dict[str, Any]]]:
    """`await answer(query, token, **variables)`: the one field the operation answers; GraphQL errors fail."""

    async def first_field(query: str, token: str, **variables: Any) -> dict[str, Any]:
        body = await gql_planning(query, variables, token=token)
        assert "errors" not in body, body
        result: dict[str, Any] = next(iter(body["data"].values()))
        return result

    return first_field
