"""Identity mutations. Expected failures come back as union members; the request's transaction commits after."""

from __future__ import annotations

from datetime import timedelta

import strawberry

from chorus_gateway.graphql.identity import results as r
from chorus_gateway.graphql.identity.types import Agency, ApiKey, Member, User
from chorus_gateway.graphql.info import GatewayInfo, documented_mutation
from chorus_gateway.graphql.problems import problem_from
from chorus_gateway.service import agencies, api_keys, members
from chorus_gateway.service import login as login_service
from chorus_shared.errors import ChorusError


@strawberry.input
class CreateApiKeyInput:
    name: str
    role: str | None = strawberry.field(default=None, description="Defaults to your own role.")
    brand_ids: list[str] | None = strawberry.field(default=None, description="Null: your own brand scope.")


@strawberry.input
class AddMemberInput:
    email: str
    password: str
    role: str
    brand_ids: list[str] | None = strawberry.field(default=None, description="Null: every brand.")
    display_name: str | None = None


@strawberry.input
class ChangeMemberRoleInput:
    member_id: str
    role: str
    brand_ids: list[str] | None = strawberry.field(default=None, description="Null: every brand.")


@strawberry.input
class CreateAgencyInput:
    name: str
    owner_email: str
    owner_password: str


@strawberry.type
class IdentityMutation:
    @documented_mutation("Exchange an email and password for a session token (12 h).")
    async def login(self, info: GatewayInfo, email: str, password: str) -> r.LoginResult:
        settings = info.context.settings
        async with info.context.database.session() as session:
            token = await login_service.login(
                session,
                email=email,
                password=password,
                token_secret=settings.user_token_secret.get_secret_value(),
                lifetime=timedelta(hours=settings.user_token_hours),
            )
        if token is None:
            return r.WrongCredentials(message="Wrong email or password.", code="wrong_credentials")
        return r.LoginSuccess(token=token.token, expires_at=token.expires_at)

    @strawberry.mutation
    async def create_api_key(self, info: GatewayInfo, input: CreateApiKeyInput) -> r.CreateApiKeyResult:
        try:
            principal = info.context.require_principal()
            async with info.context.database.session() as session:
                created = await api_keys.create_api_key(
                    session, principal, name=input.name, role=input.role, brand_ids=input.brand_ids
                )
        except ChorusError as error:
            return problem_from(error)
        return r.ApiKeyCreated(api_key=ApiKey.from_row(created.api_key), secret=created.plaintext)

    @strawberry.mutation
    async def revoke_api_key(self, info: GatewayInfo, id: strawberry.ID) -> r.RevokeApiKeyResult:
        try:
            principal = info.context.require_principal()
            async with info.context.database.session() as session:
                key = await api_keys.revoke_api_key(session, principal, key_id=str(id))
        except ChorusError as error:
            return problem_from(error)
        return r.ApiKeyRevoked(api_key=ApiKey.from_row(key))

    @documented_mutation("Owners and admins only.")
    async def add_member(self, info: GatewayInfo, input: AddMemberInput) -> r.AddMemberResult:
        try:
            principal = info.context.require_principal()
            async with info.context.database.session() as session:
                membership, _ = await members.add_member(
                    session,
                    principal,
                    email=input.email,
                    password=input.password,
                    role=input.role,
                    brand_ids=input.brand_ids,
                    display_name=input.display_name,
                )
        except ChorusError as error:
            return problem_from(error)
        return r.MemberAdded(member=Member.from_row(membership))

    @documented_mutation("Owners and admins only; nobody grants above their own role.")
    async def change_member_role(self, info: GatewayInfo, input: ChangeMemberRoleInput) -> r.ChangeMemberRoleResult:
        try:
            principal = info.context.require_principal()
            async with info.context.database.session() as session:
                membership = await members.change_member_role(
                    session, principal, member_id=input.member_id, role=input.role, brand_ids=input.brand_ids
                )
        except ChorusError as error:
            return problem_from(error)
        return r.MemberRoleChanged(member=Member.from_row(membership))

    @documented_mutation("Bootstrap: creates the first agency, its owner and an owner API key.")
    async def create_agency(self, info: GatewayInfo, input: CreateAgencyInput) -> r.CreateAgencyResult:
        try:
            async with info.context.database.session() as session:
                created = await agencies.create_agency(
                    session,
                    name=input.name,
                    owner_email=input.owner_email,
                    owner_password=input.owner_password,
                    bootstrap_only=True,
                    actor="bootstrap",
                )
        except ChorusError as error:
            return problem_from(error)
        info.context.database.uow.tenant_id = created.agency.id
        key = r.ApiKeyCreated(api_key=ApiKey.from_row(created.api_key), secret=created.api_key_plaintext)
        return r.AgencyCreated(
            agency=Agency.from_row(created.agency),
            owner=User.from_row(created.owner),
            membership=Member.from_row(created.membership),
            api_key=key,
        )
