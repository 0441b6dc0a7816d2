"""A service that cannot be reached is an error for the operator, masked for the caller, never a 'validation' answer."""

from __future__ import annotations

from chorus_gateway.testing import GraphQL, NewAgency, gateway_client, settings_for
from chorus_shared.db.cluster import free_port
from chorus_shared.testing.postgres import MigratedDatabase

CREATE = """
mutation { createBrand(input: {name: "Acme", timezone: "UTC", languages: ["en"]}) {
  __typename ... on ValidationErrors { fields { field } } } }
"""


async def test_create_brand_with_planning_down_is_a_masked_error(
    gateway_database: MigratedDatabase, new_agency: NewAgency
) -> None:
    agency = await new_agency()
    settings = settings_for(gateway_database, planning_url=f"http://127.0.0.1:{free_port()}")
    async with gateway_client(settings) as client:
        body = await GraphQL(client)(CREATE, token=agency.api_key_plaintext)
    assert body["data"] is None
    [error] = body["errors"]
    assert "Traceback" not in error["message"]
    assert "127.0.0.1" not in error["message"]  # internal addresses are not shown to callers
