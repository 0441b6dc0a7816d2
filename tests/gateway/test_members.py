"""Members: owners and admins manage the team; nobody grants above their role; bad input gets field errors."""

from __future__ import annotations

import uuid

from chorus_gateway.testing import GraphQL, NewAgency, add_member, audit_actions, login_token
from chorus_shared.testing.postgres import MigratedDatabase

CHANGE_ROLE = """
mutation($input: ChangeMemberRoleInput!) {
  changeMemberRole(input: $input) {
    __typename
    ... on MemberRoleChanged { member { role brandIds } }
    ... on Problem { message code }
  }
}
"""


async def test_an_owner_adds_a_member_who_can_then_log_in(gql: GraphQL, new_agency: NewAgency) -> None:
    agency = await new_agency()
    added = await add_member(gql, agency.api_key_plaintext, role="community_manager")
    assert added["__typename"] == "MemberAdded"
    assert added["member"]["role"] == "COMMUNITY_MANAGER"
    token = await login_token(gql, added["email"])
    assert (await gql("{ viewer { role } }", token=token))["data"]["viewer"]["role"] == "COMMUNITY_MANAGER"


async def test_a_community_manager_cannot_do_an_owner_action(gql: GraphQL, new_agency: NewAgency) -> None:
    agency = await new_agency()
    manager = await add_member(gql, agency.api_key_plaintext, role="community_manager")
    token = await login_token(gql, manager["email"])

    refused = await add_member(gql, token, role="analyst")
    assert refused["__typename"] == "NotAllowed"
    assert refused["code"] == "forbidden"

    change = {"memberId": manager["member"]["id"], "role": "admin"}
    body = await gql(CHANGE_ROLE, {"input": change}, token=token)
    assert body["data"]["changeMemberRole"]["__typename"] == "NotAllowed"


async def test_an_owner_changes_a_role_and_the_change_is_audited(
    gql: GraphQL, new_agency: NewAgency, gateway_database: MigratedDatabase
) -> None:
    agency = await new_agency()
    member = await add_member(gql, agency.api_key_plaintext, role="analyst")
    brand = str(uuid.uuid4())
    change = {"memberId": member["member"]["id"], "role": "client", "brandIds": [brand]}
    body = await gql(CHANGE_ROLE, {"input": change}, token=agency.api_key_plaintext)
    assert body["data"]["changeMemberRole"]["member"] == {"role": "CLIENT", "brandIds": [brand]}
    assert ("member.role_changed", member["member"]["id"]) in await audit_actions(gateway_database, agency.agency.id)


async def test_an_admin_cannot_grant_the_owner_role(gql: GraphQL, new_agency: NewAgency) -> None:
    agency = await new_agency()
    admin = await add_member(gql, agency.api_key_plaintext, role="admin")
    token = await login_token(gql, admin["email"])
    refused = await add_member(gql, token, role="owner")
    assert refused["__typename"] == "NotAllowed"
    assert "ranks above your own" in refused["message"]


async def test_the_last_owner_cannot_be_demoted(gql: GraphQL, new_agency: NewAgency) -> None:
    agency = await new_agency()
    change = {"memberId": str(agency.membership.id), "role": "admin"}
    body = await gql(CHANGE_ROLE, {"input": change}, token=agency.api_key_plaintext)
    assert body["data"]["changeMemberRole"]["__typename"] == "Conflict"


async def test_bad_input_gets_one_field_error_per_field(gql: GraphQL, new_agency: NewAgency) -> None:
    agency = await new_agency()
    result = await add_member(gql, agency.api_key_plaintext, role="superhero", email="not-an-email")
    # add_member's default password is fine; a short one is checked below.
    assert result["__typename"] == "ValidationErrors"
    codes = {error["field"]: error["code"] for error in result["fields"]}
    assert codes == {"email": "invalid_email", "role": "unknown_role"}

    body = await gql(
        'mutation { addMember(input: {email: "a@example.com", password: "short", role: "analyst", '
        'brandIds: ["nope"]}) { ... on ValidationErrors { fields { field code } } } }',
        token=agency.api_key_plaintext,
    )
    fields = body["data"]["addMember"]["fields"]
    assert {"field": "password", "code": "password_too_short"} in fields
    assert {"field": "brandIds.0", "code": "invalid_id"} in fields


async def test_an_email_already_registered_is_a_field_error(gql: GraphQL, new_agency: NewAgency) -> None:
    agency = await new_agency()
    other = await new_agency()
    result = await add_member(gql, agency.api_key_plaintext, role="analyst", email=other.owner.email)
    assert result["fields"] == [
        {"field": "email", "message": "This email is already registered.", "code": "email_taken"}
    ]


async def test_members_are_paged_with_cursors(gql: GraphQL, new_agency: NewAgency) -> None:
    agency = await new_agency()
    for _ in range(3):
        await add_member(gql, agency.api_key_plaintext, role="analyst")
    query = (
        "query($after: String) "
        "{ members(first: 2, after: $after) { nodes { role } pageInfo { hasNextPage endCursor } } }"
    )
    first = (await gql(query, token=agency.api_key_plaintext))["data"]["members"]
    assert [n["role"] for n in first["nodes"]] == ["OWNER", "ANALYST"]
    assert first["pageInfo"]["hasNextPage"] is True
    second = (await gql(query, {"after": first["pageInfo"]["endCursor"]}, token=agency.api_key_plaintext))["data"]
    assert [n["role"] for n in second["members"]["nodes"]] == ["ANALYST", "ANALYST"]
    assert second["members"]["pageInfo"]["hasNextPage"] is False


async def test_a_page_larger_than_100_is_refused(gql: GraphQL, new_agency: NewAgency) -> None:
    agency = await new_agency()
    body = await gql("{ members(first: 101) { nodes { id } } }", token=agency.api_key_plaintext)
    assert body["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED"
    assert body["errors"][0]["message"] == "`first` must be between 1 and 100."
