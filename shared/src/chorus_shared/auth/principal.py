"""The authenticated caller as every service sees it: tenant, subject, roles and brand scope."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from chorus_shared.auth.roles import ROLE_PERMISSIONS, Permission, Role


class SubjectKind(StrEnum):
    USER = "user"
    API_KEY = "api_key"


@dataclass(frozen=True)
class Principal:
    """`brand_ids` None means every brand of the tenant; a set limits the caller to those brands."""

    tenant_id: uuid.UUID
    subject: str
    subject_kind: SubjectKind
    roles: frozenset[Role]
    brand_ids: frozenset[uuid.UUID] | None = None

    def has_role(self, *roles: Role) -> bool:
        """True when the principal holds any of `roles` exactly."""
        return not self.roles.isdisjoint(roles)

    def has_role_at_least(self, minimum: Role) -> bool:
        return any(role.at_least(minimum) for role in self.roles)

    @property
    def highest_role(self) -> Role | None:
        return max(self.roles, key=lambda role: role.rank, default=None)

    @property
    def permissions(self) -> frozenset[Permission]:
        return frozenset().union(*(ROLE_PERMISSIONS[role] for role in self.roles))

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    @property
    def sees_all_brands(self) -> bool:
        return self.brand_ids is None

    def can_see_brand(self, brand_id: uuid.UUID) -> bool:
        return self.brand_ids is None or brand_id in self.brand_ids

    def visible_brands(self, brand_ids: Iterable[uuid.UUID]) -> list[uuid.UUID]:
        """Keep only the brands this principal may see, in the given order."""
        return [brand_id for brand_id in brand_ids if self.can_see_brand(brand_id)]
