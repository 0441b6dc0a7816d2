"""Turns the `Authorization` header into a Principal: an API key (`Bearer chorus_...`) or a user session JWT.

Roles and brand scope are read from the database at each request, so a role change or a revocation takes effect
at once rather than when a token expires.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from chorus_gateway.adapters.api_key_repository import ApiKeyRepository
from chorus_gateway.adapters.credential_lookup import find_api_key_candidate
from chorus_gateway.adapters.identity_repository import IdentityRepository
from chorus_gateway.domain.api_keys import looks_like_api_key, parse_api_key, secret_matches
from chorus_gateway.domain.user_tokens import read_user_token
from chorus_shared.auth.principal import Principal, SubjectKind
from chorus_shared.auth.roles import Role
from chorus_shared.db.tenancy import set_tenant
from chorus_shared.errors import Unauthenticated


async def authenticate(session: AsyncSession, authorization: str | None, *, user_token_secret: str) -> Principal | None:
    """None for an anonymous request; Unauthenticated for credentials that are present but not good."""
    if not authorization:
        return None
    scheme, _, credential = authorization.partition(" ")
    credential = credential.strip()
    if scheme.lower() != "bearer" or not credential:
        raise Unauthenticated("Malformed Authorization header: expected 'Bearer <API key or session token>'.")
    if looks_like_api_key(credential):
        return await _api_key_principal(session, credential)
    return await _user_principal(session, credential, secret=user_token_secret)


async def _api_key_principal(session: AsyncSession, credential: str) -> Principal:
    presented = parse_api_key(credential)
    if presented is None:
        raise Unauthenticated("Malformed API key: expected chorus_<prefix>_<secret>.")
    candidate = await find_api_key_candidate(session, presented.prefix)
    if candidate is None or not secret_matches(presented, candidate.secret_hash):
        raise Unauthenticated("Unknown API key.")
    if candidate.revoked:
        raise Unauthenticated("This API key has been revoked.")
    await set_tenant(session, candidate.tenant_id)
    keys = ApiKeyRepository(session)
    key = await keys.get(candidate.api_key_id)
    if key is None:
        raise Unauthenticated("Unknown API key.")
    role, brands = key.role, key.brand_ids
    if key.membership_id is not None:
        membership = await IdentityRepository(session).membership(key.membership_id)
        if membership is None:
            raise Unauthenticated("This API key's member has left the agency.")
        role, brands = _narrower(key.role, membership.role), membership.brand_ids
    await keys.record_use(key.id)
    return _principal(key.tenant_id, str(key.id), SubjectKind.API_KEY, role, brands)


async def _user_principal(session: AsyncSession, credential: str, *, secret: str) -> Principal:
    claims = read_user_token(credential, secret=secret)
    await set_tenant(session, claims.tenant_id)
    membership = await IdentityRepository(session).membership(claims.membership_id)
    if membership is None or membership.user_id != claims.user_id:
        raise Unauthenticated("Your membership of this agency no longer exists.")
    return _principal(claims.tenant_id, str(claims.user_id), SubjectKind.USER, membership.role, membership.brand_ids)


def _narrower(key_role: str, member_role: str) -> str:
    """A member's key never acts above the member's current role."""
    return min(Role(key_role), Role(member_role), key=lambda role: role.rank).value


def _principal(
    tenant_id: uuid.UUID, subject: str, kind: SubjectKind, role: str, brands: list[uuid.UUID] | None
) -> Principal:
    return Principal(
        tenant_id=tenant_id,
        subject=subject,
        subject_kind=kind,
        roles=frozenset({Role(role)}),
        brand_ids=None if brands is None else frozenset(brands),
    )
