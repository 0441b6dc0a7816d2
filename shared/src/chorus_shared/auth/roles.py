"""The agency roles, their order, and what each may do; services check permissions, never role names by hand."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from chorus_shared.errors import Forbidden

if TYPE_CHECKING:
    from chorus_shared.auth.principal import Principal


class Role(StrEnum):
    """Declared from most to least powerful: `rank` follows this order."""

    OWNER = "owner"
    ADMIN = "admin"
    SOCIAL_MEDIA_MANAGER = "social_media_manager"
    COMMUNITY_MANAGER = "community_manager"
    ANALYST = "analyst"
    CLIENT = "client"

    @property
    def rank(self) -> int:
        """Higher is more powerful: owner 6 ... client 1."""
        members = list(Role)
        return len(members) - members.index(self)

    def at_least(self, minimum: Role) -> bool:
        return self.rank >= minimum.rank


class Permission(StrEnum):
    MANAGE_AGENCY = "manage_agency"
    MANAGE_MEMBERS = "manage_members"
    MANAGE_API_KEYS = "manage_api_keys"
    MANAGE_STRATEGY = "manage_strategy"
    APPROVE_CONTENT = "approve_content"
    PUBLISH_CONTENT = "publish_content"
    ENGAGE_COMMUNITY = "engage_community"
    EXPORT_REPORTS = "export_reports"
    READ = "read"


_CLIENT = frozenset({Permission.READ, Permission.APPROVE_CONTENT})
_ANALYST = frozenset({Permission.READ, Permission.EXPORT_REPORTS})
_COMMUNITY_MANAGER = _ANALYST | {Permission.PUBLISH_CONTENT, Permission.ENGAGE_COMMUNITY}
# The social media manager plans, budgets and approves what the community manager executes.
_SOCIAL_MEDIA_MANAGER = _COMMUNITY_MANAGER | {Permission.MANAGE_STRATEGY, Permission.APPROVE_CONTENT}
_ADMIN = _SOCIAL_MEDIA_MANAGER | {Permission.MANAGE_MEMBERS, Permission.MANAGE_API_KEYS}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OWNER: _ADMIN | {Permission.MANAGE_AGENCY},
    Role.ADMIN: _ADMIN,
    Role.SOCIAL_MEDIA_MANAGER: _SOCIAL_MEDIA_MANAGER,
    Role.COMMUNITY_MANAGER: _COMMUNITY_MANAGER,
    Role.ANALYST: _ANALYST,
    Role.CLIENT: _CLIENT,
}


def parse_role(value: str) -> Role | None:
    """The role named `value`, or None when no such role exists (callers turn that into a field error)."""
    try:
        return Role(value)
    except ValueError:
        return None


def require_role(principal: Principal, minimum: Role) -> None:
    """Raise Forbidden unless one of the principal's roles ranks at least `minimum`."""
    if not principal.has_role_at_least(minimum):
        raise Forbidden(f"This action needs the {minimum.value} role or higher.")


def require_permission(principal: Principal, permission: Permission) -> None:
    if not principal.can(permission):
        raise Forbidden(f"This action needs the {permission.value} permission.")
