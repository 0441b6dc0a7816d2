"""The internal token carries the caller to services and is refused once expired or altered."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from chorus_shared.auth import Principal, Role, SubjectKind, sign_internal_token, verify_internal_token
from chorus_shared.errors import Unauthenticated

SECRET = "test-secret-0123456789-0123456789-abcdef"
BRAND_X = uuid.uuid4()


def _client_principal() -> Principal:
    return Principal(
        tenant_id=uuid.uuid4(),
        subject=str(uuid.uuid4()),
        subject_kind=SubjectKind.USER,
        roles=frozenset({Role.CLIENT}),
        brand_ids=frozenset({BRAND_X}),
    )


def test_a_signed_token_round_trips_the_principal() -> None:
    principal = _client_principal()
    assert verify_internal_token(sign_internal_token(principal, secret=SECRET), secret=SECRET) == principal


def test_all_brands_scope_survives_the_round_trip() -> None:
    principal = Principal(uuid.uuid4(), "key-1", SubjectKind.API_KEY, frozenset({Role.ADMIN}), None)
    assert verify_internal_token(sign_internal_token(principal, secret=SECRET), secret=SECRET).sees_all_brands


def test_an_expired_token_is_refused() -> None:
    long_ago = datetime.now(UTC) - timedelta(minutes=5)
    token = sign_internal_token(_client_principal(), secret=SECRET, now=long_ago)
    with pytest.raises(Unauthenticated, match="expired"):
        verify_internal_token(token, secret=SECRET)


def test_a_tampered_token_is_refused() -> None:
    header, payload, signature = sign_internal_token(_client_principal(), secret=SECRET).split(".")
    forged_claims = jwt.encode({"roles": ["owner"]}, "forger-secret-0123456789-0123456789", algorithm="HS256").split(
        "."
    )[1]
    with pytest.raises(Unauthenticated, match="not valid"):
        verify_internal_token(f"{header}.{forged_claims}.{signature}", secret=SECRET)


def test_a_token_signed_with_another_secret_is_refused() -> None:
    token = sign_internal_token(_client_principal(), secret="another-secret-0123456789-0123456789")
    with pytest.raises(Unauthenticated):
        verify_internal_token(token, secret=SECRET)


def test_a_token_for_another_audience_is_refused() -> None:
    now = int(datetime.now(UTC).timestamp())
    claims = {"aud": "someone-else", "iss": "chorus-gateway", "sub": "u", "tid": str(uuid.uuid4()), "roles": []}
    token = jwt.encode({**claims, "iat": now, "exp": now + 60}, SECRET, algorithm="HS256")
    with pytest.raises(Unauthenticated):
        verify_internal_token(token, secret=SECRET)


def test_an_unsigned_token_is_refused() -> None:
    now = int(datetime.now(UTC).timestamp())
    claims = {"aud": "chorus-internal", "iss": "chorus-gateway", "sub": "u", "tid": str(uuid.uuid4())}
    # alg "none" ignores the key; pyjwt's types want one all the same.
    token = jwt.encode({**claims, "roles": ["owner"], "iat": now, "exp": now + 60}, "", algorithm="none")
    with pytest.raises(Unauthenticated):
        verify_internal_token(token, secret=SECRET)
