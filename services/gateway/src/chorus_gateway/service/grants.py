"""Who may hand out which role and brands: never more than one holds."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from chorus_shared.auth.principal import Principal
from chorus_shared.auth.roles import Role
from chorus_shared.errors import Forbidden


def require_can_grant(principal: Principal, role: Role, brand_ids: Sequence[uuid.UUID] | None) -> None:
    if not principal.has_role_at_least(role):
        raise Forbidden(f"You cannot grant the {role.value} role: it ranks above your own.")
    if principal.brand_ids is None:
        return
    if brand_ids is None or not set(brand_ids) <= principal.brand_ids:
        raise Forbidden("You cannot grant access to brands outside your own brand scope.")


def require_outranks_or_equals(principal: Principal, current: Role) -> None:
    if not principal.has_role_at_least(current):
        raise Forbidden(f"You cannot change a {current.value}: that role ranks above your own.")
