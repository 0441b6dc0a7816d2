"""Calling a service's ASGI app in tests, lifespan included, as the gateway would (signed internal token)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import timedelta

import httpx
from fastapi import FastAPI

from chorus_shared.auth import Principal, Role, SubjectKind, sign_internal_token

# Tests sign internal tokens with this secret and start services with it.
TEST_INTERNAL_SECRET = "chorus-tests-internal-secret-0123456789abcdef"


@asynccontextmanager
async def app_client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
            yield client


def principal(
    tenant_id: uuid.UUID,
    *roles: Role,
    brands: Iterable[uuid.UUID] | None = None,
    subject: str = "user-1",
) -> Principal:
    return Principal(
        tenant_id=tenant_id,
        subject=subject,
        subject_kind=SubjectKind.USER,
        roles=frozenset(roles or (Role.OWNER,)),
        brand_ids=None if brands is None else frozenset(brands),
    )


# Test modules often sign their callers' headers once, at import; the whole suite must run within the lifetime.
TEST_TOKEN_LIFETIME = timedelta(hours=2)


def auth_headers(who: Principal, secret: str = TEST_INTERNAL_SECRET) -> dict[str, str]:
    token = sign_internal_token(who, secret=secret, ttl=TEST_TOKEN_LIFETIME)
    return {"Authorization": f"Bearer {token}"}
