"""A service route gets the verified Principal from `Authorization: Bearer`, and refuses anything else with 401."""

from __future__ import annotations

import uuid

import httpx
from fastapi import FastAPI

from chorus_shared.api.errors import install_error_handlers
from chorus_shared.auth import (
    CurrentPrincipal,
    Principal,
    Role,
    SubjectKind,
    install_internal_auth,
    sign_internal_token,
)
from chorus_shared.settings import ChorusSettings

SECRET = "dependency-secret-0123456789-0123456789"


def _app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)
    install_internal_auth(app, ChorusSettings(CHORUS_INTERNAL_TOKEN_SECRET=SECRET))

    @app.get("/whoami")
    async def whoami(principal: CurrentPrincipal) -> dict[str, str]:
        return {"tenant": str(principal.tenant_id), "subject": principal.subject}

    return app


async def _get(headers: dict[str, str]) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=_app()), base_url="http://svc") as client:
        return await client.get("/whoami", headers=headers)


async def test_a_valid_token_yields_the_principal() -> None:
    principal = Principal(uuid.uuid4(), "user-1", SubjectKind.USER, frozenset({Role.ANALYST}))
    response = await _get({"Authorization": f"Bearer {sign_internal_token(principal, secret=SECRET)}"})
    assert response.status_code == 200
    assert response.json() == {"tenant": str(principal.tenant_id), "subject": "user-1"}


async def test_a_missing_token_is_refused_with_401() -> None:
    response = await _get({})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
    assert "Missing Authorization" in response.json()["error"]["message"]


async def test_a_garbage_token_is_refused_with_401() -> None:
    response = await _get({"Authorization": "Bearer not-a-jwt"})
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "The internal token is not valid."
