"""Who is calling: the Principal, the roles model, and the short-lived internal token the gateway signs for services."""

from chorus_shared.auth.dependency import CurrentPrincipal, install_internal_auth
from chorus_shared.auth.internal_token import INTERNAL_AUDIENCE, sign_internal_token, verify_internal_token
from chorus_shared.auth.principal import Principal, SubjectKind
from chorus_shared.auth.roles import Permission, Role, require_permission, require_role

__all__ = [
    "INTERNAL_AUDIENCE",
    "CurrentPrincipal",
    "Permission",
    "Principal",
    "Role",
    "SubjectKind",
    "install_internal_auth",
    "require_permission",
    "require_role",
    "sign_internal_token",
    "verify_internal_token",
]
