"""ServiceClient calls a service's REST API as the caller: the service verifies the internal token it receives."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel

from chorus_gateway.clients.service_client import ServiceClient, ServiceUnavailable
from chorus_shared.api.errors import install_error_handlers
from chorus_shared.auth import CurrentPrincipal, Principal, Role, SubjectKind, install_internal_auth
from chorus_shared.errors import FieldError, NotFound, Unauthenticated, ValidationFailed
from chorus_shared.settings import ChorusSettings


class BrandNotFound(NotFound):
    code = "brand_not_found"


SECRET = "service-client-secret-0123456789-0123456789"
BRAND_X = uuid.uuid4()


class Brand(BaseModel):
    id: uuid.UUID
    name: str
    seen_by: str


def _planning_app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)
    install_internal_auth(app, ChorusSettings(CHORUS_INTERNAL_TOKEN_SECRET=SECRET))

    @app.get("/brands/{brand_id}")
    async def brand(brand_id: uuid.UUID, principal: CurrentPrincipal) -> Brand:
        if not principal.can_see_brand(brand_id):
            raise BrandNotFound("No such brand.")
        return Brand(id=brand_id, name="Acme", seen_by=principal.subject)

    @app.post("/brands")
    async def create_brand(principal: CurrentPrincipal) -> Brand:
        raise ValidationFailed("Invalid brand.", field_errors=[FieldError("name", "Too short.", "too_short")])

    @app.get("/broken")
    async def broken() -> dict[str, str]:
        raise RuntimeError("database exploded")

    return app


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=_planning_app(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport) as client:
        yield client


def _client(http: httpx.AsyncClient, *, secret: str = SECRET) -> ServiceClient:
    principal = Principal(uuid.uuid4(), "user-7", SubjectKind.USER, frozenset({Role.CLIENT}), frozenset({BRAND_X}))
    return ServiceClient(
        service="planning",
        base_url="http://planning",
        http=http,
        principal=principal,
        secret=secret,
        ttl=timedelta(seconds=60),
    )


async def test_the_service_receives_the_caller_and_the_answer_is_typed(http: httpx.AsyncClient) -> None:
    brand = await _client(http).get(f"/brands/{BRAND_X}", Brand)
    assert brand == Brand(id=BRAND_X, name="Acme", seen_by="user-7")


async def test_the_brand_scope_travels_with_the_token(http: httpx.AsyncClient) -> None:
    with pytest.raises(NotFound, match="No such brand") as refused:
        await _client(http).get(f"/brands/{uuid.uuid4()}", Brand)
    assert refused.value.code == "brand_not_found"  # the service's own code survives the hop


async def test_field_errors_come_back_as_a_validation_failure(http: httpx.AsyncClient) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await _client(http).post("/brands", Brand, json={"name": "A"})
    assert caught.value.field_errors == [FieldError("name", "Too short.", "too_short")]


async def test_a_token_the_service_cannot_verify_is_an_authentication_failure(http: httpx.AsyncClient) -> None:
    with pytest.raises(Unauthenticated, match="internal token is not valid"):
        await _client(http, secret="another-secret-0123456789-0123456789").get(f"/brands/{BRAND_X}", Brand)


async def test_a_failing_or_unreachable_service_is_unavailable(http: httpx.AsyncClient) -> None:
    with pytest.raises(ServiceUnavailable, match=r"failed \(500\)"):
        await _client(http).get("/broken", dict)
    async with httpx.AsyncClient() as unreachable:
        client = ServiceClient(
            service="planning",
            base_url="http://127.0.0.1:9",
            http=unreachable,
            principal=Principal(uuid.uuid4(), "u", SubjectKind.USER, frozenset({Role.ADMIN})),
            secret=SECRET,
            ttl=timedelta(seconds=60),
        )
        with pytest.raises(ServiceUnavailable, match="could not be reached"):
            await client.get("/brands", list)
