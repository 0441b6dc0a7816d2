"""A client user limited to brand X is authenticated as a Principal that sees X and not Y."""

from __future__ import annotations

import uuid

from chorus_gateway.service.authenticate import authenticate
from chorus_gateway.testing import GraphQL, NewAgency, add_member, login_token, settings_for
from chorus_shared.auth import Role
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.testing.postgres import MigratedDatabase


async def test_a_client_limited_to_one_brand_gets_that_scope_only(
    gql: GraphQL, new_agency: NewAgency, gateway_database: MigratedDatabase
) -> None:
    agency = await new_agency()
    brand_x, brand_y = uuid.uuid4(), uuid.uuid4()
    client = await add_member(gql, agency.api_key_plaintext, role="client", brand_ids=[str(brand_x)])
    token = await login_token(gql, client["email"])

    viewer = (await gql("{ viewer { role brandIds } }", token=token))["data"]["viewer"]
    assert viewer == {"role": "CLIENT", "brandIds": [str(brand_x)]}

    engine = make_engine(gateway_database.app_url, pool_size=1, max_overflow=0)
    secret = settings_for(gateway_database).user_token_secret.get_secret_value()
    async with make_sessions(engine)() as session, session.begin():
        principal = await authenticate(session, f"Bearer {token}", user_token_secret=secret)
    await engine.dispose()
    assert principal is not None
    assert principal.roles == frozenset({Role.CLIENT})
    assert principal.can_see_brand(brand_x)
    assert not principal.can_see_brand(brand_y)


async def test_a_client_cannot_list_the_team(gql: GraphQL, new_agency: NewAgency) -> None:
    agency = await new_agency()
    client = await add_member(gql, agency.api_key_plaintext, role="client", brand_ids=[str(uuid.uuid4())])
    token = await login_token(gql, client["email"])
    body = await gql("{ members { nodes { id } } }", token=token)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_an_admin_limited_to_brands_cannot_hand_out_other_brands(gql: GraphQL, new_agency: NewAgency) -> None:
    agency = await new_agency()
    mine = str(uuid.uuid4())
    admin = await add_member(gql, agency.api_key_plaintext, role="admin", brand_ids=[mine])
    token = await login_token(gql, admin["email"])
    refused = await add_member(gql, token, role="analyst", brand_ids=[str(uuid.uuid4())])
    assert refused["__typename"] == "NotAllowed"
    allowed = await add_member(gql, token, role="analyst", brand_ids=[mine])
    assert allowed["__typename"] == "MemberAdded"
