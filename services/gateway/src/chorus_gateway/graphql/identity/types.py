"""GraphQL object types of the identity area, built from ORM rows."""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from chorus_gateway.adapters import orm
from chorus_gateway.graphql.info import GatewayInfo
from chorus_shared.auth.roles import Role as DomainRole
from chorus_shared.errors import NotFound

Role = strawberry.enum(DomainRole, name="Role", description="Agency roles, from most to least powerful.")


def _brands(brand_ids: list[uuid.UUID] | None) -> list[strawberry.ID] | None:
    return None if brand_ids is None else [strawberry.ID(str(brand)) for brand in brand_ids]


@strawberry.type
class Agency:
    id: strawberry.ID
    name: str
    created_at: datetime

    @classmethod
    def from_row(cls, row: orm.Agency) -> Agency:
        return cls(id=strawberry.ID(str(row.id)), name=row.name, created_at=row.created_at)


@strawberry.type
class User:
    id: strawberry.ID
    email: str
    display_name: str | None

    @classmethod
    def from_row(cls, row: orm.User) -> User:
        return cls(id=strawberry.ID(str(row.id)), email=row.email, display_name=row.display_name)


@strawberry.type
class Member:
    id: strawberry.ID
    role: Role  # type: ignore[valid-type]
    brand_ids: list[strawberry.ID] | None = strawberry.field(description="Null: every brand of the agency.")
    created_at: datetime
    user_id: strawberry.Private[uuid.UUID]

    @strawberry.field
    async def user(self, info: GatewayInfo) -> User:
        row = await info.context.loaders.users.load(self.user_id)
        if row is None:
            raise NotFound("This member's user no longer exists.")
        return User.from_row(row)

    @classmethod
    def from_row(cls, row: orm.Membership) -> Member:
        return cls(
            id=strawberry.ID(str(row.id)),
            role=DomainRole(row.role),
            brand_ids=_brands(row.brand_ids),
            created_at=row.created_at,
            user_id=row.user_id,
        )


@strawberry.type
class ApiKey:
    id: strawberry.ID
    name: str
    prefix: str
    role: Role  # type: ignore[valid-type]
    brand_ids: list[strawberry.ID] | None
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @classmethod
    def from_row(cls, row: orm.ApiKey) -> ApiKey:
        return cls(
            id=strawberry.ID(str(row.id)),
            name=row.name,
            prefix=row.prefix,
            role=DomainRole(row.role),
            brand_ids=_brands(row.brand_ids),
            created_at=row.created_at,
            last_used_at=row.last_used_at,
            revoked_at=row.revoked_at,
        )
