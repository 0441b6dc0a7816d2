"""`viewer`: who the caller is, in which agency, with which role and brands."""

from __future__ import annotations

import uuid

import strawberry

from chorus_gateway.adapters.api_key_repository import ApiKeyRepository
from chorus_gateway.adapters.identity_repository import IdentityRepository
from chorus_gateway.graphql.identity.types import Agency, ApiKey, Member, Role, User
from chorus_gateway.graphql.info import GatewayInfo, documented_field
from chorus_shared.auth.principal import Principal, SubjectKind
from chorus_shared.errors import NotFound


@strawberry.type
class Viewer:
    role: Role  # type: ignore[valid-type]
    brand_ids: list[strawberry.ID] | None = strawberry.field(description="Null: every brand of the agency.")
    principal: strawberry.Private[Principal]

    @strawberry.field
    async def agency(self, info: GatewayInfo) -> Agency:
        async with info.context.database.session() as session:
            row = await IdentityRepository(session).agency(self.principal.tenant_id)
        if row is None:
            raise NotFound("This agency no longer exists.")
        return Agency.from_row(row)

    @documented_field("The user, when the caller logged in (null for an API key).")
    async def user(self, info: GatewayInfo) -> User | None:
        if self.principal.subject_kind != SubjectKind.USER:
            return None
        row = await info.context.loaders.users.load(uuid.UUID(self.principal.subject))
        return None if row is None else User.from_row(row)

    @documented_field("The user's membership of the agency (null for an API key).")
    async def membership(self, info: GatewayInfo) -> Member | None:
        if self.principal.subject_kind != SubjectKind.USER:
            return None
        async with info.context.database.session() as session:
            row = await IdentityRepository(session).membership_of_user(uuid.UUID(self.principal.subject))
        return None if row is None else Member.from_row(row)

    @documented_field("The API key in use (null for a logged-in user).")
    async def api_key(self, info: GatewayInfo) -> ApiKey | None:
        if self.principal.subject_kind != SubjectKind.API_KEY:
            return None
        async with info.context.database.session() as session:
            row = await ApiKeyRepository(session).get(uuid.UUID(self.principal.subject))
        return None if row is None else ApiKey.from_row(row)

    @classmethod
    def of(cls, principal: Principal) -> Viewer:
        role = principal.highest_role
        assert role is not None, "every authenticated principal holds a role"
        brands = None if principal.brand_ids is None else [strawberry.ID(str(b)) for b in sorted(principal.brand_ids)]
        return cls(role=role, brand_ids=brands, principal=principal)
