"""The internal token: a short-lived HS256 JWT the gateway signs and services verify, carrying the Principal."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from chorus_shared.auth.principal import Principal, SubjectKind
from chorus_shared.auth.roles import Role
from chorus_shared.errors import Unauthenticated

INTERNAL_AUDIENCE = "chorus-internal"
ISSUER = "chorus-gateway"
ALGORITHM = "HS256"
DEFAULT_TTL = timedelta(seconds=60)
# Services and the gateway run on different machines; a few seconds of clock skew must not break calls.
LEEWAY = timedelta(seconds=5)


def sign_internal_token(
    principal: Principal, *, secret: str, ttl: timedelta = DEFAULT_TTL, now: datetime | None = None
) -> str:
    issued = now or datetime.now(UTC)
    claims: dict[str, Any] = {
        "iss": ISSUER,
        "aud": INTERNAL_AUDIENCE,
        "sub": principal.subject,
        "sub_kind": principal.subject_kind.value,
        "tid": str(principal.tenant_id),
        "roles": sorted(role.value for role in principal.roles),
        "brands": None if principal.brand_ids is None else sorted(str(b) for b in principal.brand_ids),
        "iat": int(issued.timestamp()),
        "exp": int((issued + ttl).timestamp()),
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def verify_internal_token(token: str, *, secret: str) -> Principal:
    """The Principal the token carries; Unauthenticated when it is expired, tampered with or malformed."""
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            audience=INTERNAL_AUDIENCE,
            issuer=ISSUER,
            leeway=LEEWAY,
            options={"require": ["exp", "iat", "aud", "iss", "sub", "tid", "roles"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthenticated("The internal token has expired.") from exc
    except jwt.InvalidTokenError as exc:
        raise Unauthenticated("The internal token is not valid.") from exc
    return _principal_from(claims)


def _principal_from(claims: dict[str, Any]) -> Principal:
    try:
        brands = claims.get("brands")
        return Principal(
            tenant_id=uuid.UUID(claims["tid"]),
            subject=str(claims["sub"]),
            subject_kind=SubjectKind(claims.get("sub_kind", SubjectKind.USER)),
            roles=frozenset(Role(role) for role in claims["roles"]),
            brand_ids=None if brands is None else frozenset(uuid.UUID(b) for b in brands),
        )
    except (ValueError, TypeError, KeyError) as exc:
        raise Unauthenticated("The internal token carries malformed claims.") from exc
