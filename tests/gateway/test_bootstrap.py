"""Bootstrap: `createAgency` works only on an empty installation; operators create agencies from the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from chorus_gateway.testing import MIGRATIONS, PASSWORD, GraphQL, gateway_client, settings_for
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase

CREATE_AGENCY = """
mutation($input: CreateAgencyInput!) {
  createAgency(input: $input) {
    __typename
    ... on AgencyCreated { agency { name } owner { email } membership { role } apiKey { secret } }
    ... on Problem { message code }
    ... on ValidationErrors { fields { field code } }
  }
}
"""


@pytest.fixture(scope="module")
def empty_database(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("gateway", migrations=MIGRATIONS)


def _input(email: str, password: str = PASSWORD, name: str = "First Agency") -> dict[str, object]:
    return {"input": {"name": name, "ownerEmail": email, "ownerPassword": password}}


async def test_create_agency_bootstraps_once_then_refuses(empty_database: MigratedDatabase) -> None:
    async with gateway_client(settings_for(empty_database)) as client:
        gql = GraphQL(client)
        invalid = (await gql(CREATE_AGENCY, _input("bad email", password="short", name=" ")))["data"]["createAgency"]
        created = (await gql(CREATE_AGENCY, _input("boss@example.com")))["data"]["createAgency"]
        again = (await gql(CREATE_AGENCY, _input("intruder@example.com")))["data"]["createAgency"]
        viewer = await gql("{ viewer { role agency { name } } }", token=created["apiKey"]["secret"])

    assert invalid["__typename"] == "ValidationErrors"
    assert {f["field"]: f["code"] for f in invalid["fields"]} == {
        "name": "required",
        "ownerEmail": "invalid_email",
        "ownerPassword": "password_too_short",
    }
    assert created["__typename"] == "AgencyCreated"
    assert created["owner"] == {"email": "boss@example.com"}
    assert created["membership"] == {"role": "OWNER"}
    assert created["apiKey"]["secret"].startswith("chorus_")
    assert again["__typename"] == "NotAllowed"
    assert "already exists" in again["message"]
    assert viewer["data"]["viewer"] == {"role": "OWNER", "agency": {"name": "First Agency"}}


def _cli(database: MigratedDatabase, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CHORUS_GATEWAY_DATABASE_URL": database.app_url, "CHORUS_OWNER_PASSWORD": PASSWORD}
    return subprocess.run(
        [sys.executable, "-m", "chorus_gateway", "create-agency", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def test_the_command_line_creates_an_agency_and_prints_its_key(empty_database: MigratedDatabase) -> None:
    result = _cli(empty_database, "--name", "Operator Agency", "--owner-email", "ops@example.com")
    assert result.returncode == 0, result.stderr
    key = result.stdout.strip()
    assert key.startswith("chorus_")
    async with gateway_client(settings_for(empty_database)) as client:
        viewer = await GraphQL(client)("{ viewer { agency { name } } }", token=key)
    assert viewer["data"]["viewer"]["agency"]["name"] == "Operator Agency"


def test_the_command_line_prints_json_on_request(empty_database: MigratedDatabase) -> None:
    result = _cli(empty_database, "--name", "Json Agency", "--owner-email", "json@example.com", "--json")
    assert result.returncode == 0, result.stderr
    assert set(json.loads(result.stdout)) == {"agency_id", "owner_user_id", "api_key"}


def test_the_command_line_explains_a_refusal(empty_database: MigratedDatabase) -> None:
    assert _cli(empty_database, "--name", "Once", "--owner-email", "twice@example.com").returncode == 0
    result = _cli(empty_database, "--name", "Again", "--owner-email", "twice@example.com")
    assert result.returncode == 2
    assert "ownerEmail: This email is already registered." in result.stderr
    assert result.stdout == ""
