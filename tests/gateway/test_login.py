"""Login: the right password gets a 12-hour session token, a wrong one gets nothing; both are audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chorus_gateway.testing import LOGIN, PASSWORD, GraphQL, NewAgency, audit_actions
from chorus_shared.testing.postgres import MigratedDatabase


async def test_the_right_password_gets_a_session_token(
    gql: GraphQL, new_agency: NewAgency, gateway_database: MigratedDatabase
) -> None:
    agency = await new_agency(email="Owner.Login@Example.com")
    body = await gql(LOGIN, {"email": "owner.login@example.com", "password": PASSWORD})
    login = body["data"]["login"]
    assert login["__typename"] == "LoginSuccess"
    expires = datetime.fromisoformat(login["expiresAt"])
    assert timedelta(hours=11, minutes=59) < expires - datetime.now(UTC) <= timedelta(hours=12)

    viewer = (await gql("{ viewer { role user { email } membership { role } } }", token=login["token"]))["data"]
    assert viewer["viewer"] == {
        "role": "OWNER",
        "user": {"email": "owner.login@example.com"},
        "membership": {"role": "OWNER"},
    }
    assert ("login.succeeded", None) in await audit_actions(gateway_database, agency.agency.id)


async def test_a_wrong_password_is_refused_and_audited(
    gql: GraphQL, new_agency: NewAgency, gateway_database: MigratedDatabase
) -> None:
    agency = await new_agency()
    body = await gql(LOGIN, {"email": agency.owner.email, "password": "not the password at all"})
    assert body["data"]["login"] == {"__typename": "WrongCredentials", "message": "Wrong email or password."}
    actions = [action for action, _ in await audit_actions(gateway_database, agency.agency.id)]
    assert "login.failed" in actions
    assert "login.succeeded" not in actions


async def test_an_unknown_email_gets_the_same_answer_as_a_wrong_password(gql: GraphQL) -> None:
    body = await gql(LOGIN, {"email": "nobody@example.com", "password": PASSWORD})
    assert body["data"]["login"] == {"__typename": "WrongCredentials", "message": "Wrong email or password."}
