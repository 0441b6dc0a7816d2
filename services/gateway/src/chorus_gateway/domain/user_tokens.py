"""The JWT a user gets at login (HS256, gateway-only secret): it names the user, the agency and the membership."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from chorus_shared.errors import Unauthenticated

USER_AUDIENCE = "chorus-gateway"
ALGORITHM = "HS256"


@dataclass(frozen=True)
class UserToken:
    token: str
    expires_at: datetime


@dataclass(frozen=True)
class UserClaims:
    user_id: uuid.UUID
    tenant_id: uuid.UUID
    membership_id: uuid.UUID


def issue_user_token(claims: UserClaims, *, secret: str, lifetime: timedelta, now: datetime | None = None) -> UserToken:
    issued = now or datetime.now(UTC)
    expires = issued + lifetime
    payload = {
        "aud": USER_AUDIENCE,
        "sub": str(claims.user_id),
        "tid": str(claims.tenant_id),
        "mid": str(claims.membership_id),
        "iat": int(issued.timestamp()),
        "exp": int(expires.timestamp()),
    }
    return UserToken(token=jwt.encode(payload, secret, algorithm=ALGORITHM), expires_at=expires)


def read_user_token(token: str, *, secret: str) -> UserClaims:
    try:
        payload = jwt.decode(
            token, secret, algorithms=[ALGORITHM], audience=USER_AUDIENCE, options={"require": ["exp", "sub", "tid"]}
        )
        return UserClaims(uuid.UUID(payload["sub"]), uuid.UUID(payload["tid"]), uuid.UUID(payload["mid"]))
    except jwt.ExpiredSignatureError as exc:
        raise Unauthenticated("Your session has expired: log in again.") from exc
    except (jwt.InvalidTokenError, KeyError, ValueError) as exc:
        raise Unauthenticated("The bearer token is neither a valid API key nor a valid session token.") from exc
