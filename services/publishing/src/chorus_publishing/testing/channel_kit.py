"""Test support for channels: a fake OAuth network (PKCE token endpoint with rotating refresh tokens and a "me"
endpoint, and for Meta the long-lived token exchange and the pages a user manages), a known brand, and looks at what
publishing stored and emitted."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from chorus_publishing.adapters.orm import outbox
from chorus_publishing.service.brand_references import on_brand_event
from chorus_publishing.testing.fake_networks.graph import graph_error
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.planning import BrandCreatedV1
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.testing.postgres import MigratedDatabase

CLIENT_ID = "chorus-test-client"
CLIENT_SECRET = "client-secret-never-shown"
REDIRECT = "https://app.chorus.example/channels/callback"
KEY_A = "key-a:" + base64.b64encode(b"A" * 32).decode()
KEY_B = "key-b:" + base64.b64encode(b"B" * 32).decode()
LONG_LIVED_SECONDS = 60 * 24 * 3600  # what Meta answers for a long-lived user token: about 60 days
INVALIDATED_SESSION = (
    "Error validating access token: The session has been invalidated because the user changed their password or "
    "Facebook has changed the session for security reasons."
)


@dataclass
class FakeOAuth:
    """A network's OAuth 2 token endpoint with PKCE and rotating refresh tokens, and its "who am I" endpoint."""

    expires_in: int = 7200
    codes: dict[str, str] = field(default_factory=dict)  # code -> code_challenge
    access_tokens: set[str] = field(default_factory=set)
    refresh_tokens: set[str] = field(default_factory=set)
    token_calls: list[dict[str, str]] = field(default_factory=list)
    answer_next: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # queued failures
    account_id: str = "4242"
    pages: list[dict[str, Any]] = field(default_factory=list)  # Graph `me/accounts` of the signed-in user
    long_lived_tokens: set[str] = field(default_factory=set)  # Meta user tokens from `fb_exchange_token`
    exchanged: list[str] = field(default_factory=list)  # the short-lived tokens presented for a long-lived one
    pages_listed_with: list[str] = field(default_factory=list)  # the user token of each `me/accounts` call
    # Meta ended the person's session (password changed, logged out elsewhere): their token no longer exchanges.
    session_invalidated: bool = False

    def manages_page(self, page_id: str, name: str, token: str, *, instagram: tuple[str, str] | None = None) -> None:
        """The signed-in user manages this Facebook page (and its Instagram business account: id, username)."""
        page: dict[str, Any] = {"id": page_id, "name": name, "access_token": token, "category": "Brand"}
        if instagram is not None:
            page["instagram_business_account"] = {"id": instagram[0], "username": instagram[1]}
        self.pages.append(page)

    def consent(self, authorization_url: str) -> tuple[str, str]:
        """The person logs in and agrees: the network's redirect carries (state, code)."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(authorization_url).query).items()}
        assert query["code_challenge_method"] == "S256"
        code = "code-" + secrets.token_hex(8)
        self.codes[code] = query["code_challenge"]
        return query["state"], code

    def revoke_refresh_tokens(self) -> None:
        self.refresh_tokens.clear()

    def _grant(self) -> JSONResponse:
        access, refresh = "access-" + secrets.token_hex(12), "refresh-" + secrets.token_hex(12)
        self.access_tokens.add(access)
        self.refresh_tokens.add(refresh)
        body = {"token_type": "bearer", "access_token": access, "refresh_token": refresh, "scope": "tweet.read"}
        return JSONResponse({**body, "expires_in": self.expires_in})

    def _long_lived(self, query: dict[str, str]) -> JSONResponse:
        """Meta's `GET /oauth/access_token?grant_type=fb_exchange_token`, with Graph's error answers."""
        if query.get("grant_type") != "fb_exchange_token":
            return graph_error(100, f"Invalid grant_type: '{query.get('grant_type', '')}'.")
        if query.get("client_id") != CLIENT_ID:
            return graph_error(101, "Error validating application. Invalid application ID.")
        if query.get("client_secret") != CLIENT_SECRET:
            return graph_error(1, "Error validating client secret.")
        short = query.get("fb_exchange_token", "")
        self.exchanged.append(short)
        if self.session_invalidated:
            return graph_error(190, INVALIDATED_SESSION, subcode=460)
        if short not in self.access_tokens:
            return graph_error(190, "Invalid OAuth access token - Cannot parse access token")
        access = "long-lived-" + secrets.token_hex(12)
        self.access_tokens.add(access)
        self.long_lived_tokens.add(access)
        return JSONResponse({"access_token": access, "token_type": "bearer", "expires_in": LONG_LIVED_SECONDS})

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.get("/v21.0/oauth/access_token")
        async def long_lived(request: Request) -> Response:
            return self._long_lived(dict(request.query_params))

        @app.post("/2/oauth2/token")
        @app.post("/v21.0/oauth/access_token")  # Meta's code exchange: the same grant, at Graph's token endpoint
        async def token(request: Request) -> Response:
            form = {k: str(v) for k, v in (await request.form()).items()}
            self.token_calls.append(form)
            if self.answer_next:
                status, body = self.answer_next.pop(0)
                return JSONResponse(body, status_code=status)
            expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
            if request.headers.get("authorization") != expected:
                return JSONResponse({"error": "invalid_client"}, status_code=401)
            if form.get("grant_type") == "authorization_code":
                challenge = self.codes.pop(form.get("code", ""), None)
                verifier = form.get("code_verifier", "")
                digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
                if challenge is None or digest != challenge or form.get("redirect_uri") != REDIRECT:
                    return JSONResponse({"error": "invalid_grant"}, status_code=400)
                return self._grant()
            if form.get("grant_type") == "refresh_token" and form.get("refresh_token") in self.refresh_tokens:
                self.refresh_tokens.discard(form["refresh_token"])  # X rotates refresh tokens: each works once
                return self._grant()
            return JSONResponse({"error": "invalid_grant", "error_description": "Value passed was invalid"}, 400)

        @app.get("/2/users/me")
        async def me(request: Request) -> Response:
            if request.headers.get("authorization", "").removeprefix("Bearer ") not in self.access_tokens:
                return JSONResponse({"title": "Unauthorized"}, status_code=401)
            return JSONResponse({"data": {"id": self.account_id, "name": "Kettle Co", "username": "kettleco"}})

        @app.get("/v21.0/me/accounts")
        async def accounts(request: Request) -> Response:
            user_token = request.headers.get("authorization", "").removeprefix("Bearer ")
            self.pages_listed_with.append(user_token)
            if user_token not in self.access_tokens:
                error = {"message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190}
                return JSONResponse({"error": error}, status_code=400)
            wanted = request.query_params.get("fields", "")
            pages = [{k: v for k, v in page.items() if k.split("{")[0] in wanted} for page in self.pages]
            return JSONResponse({"data": pages, "paging": {"cursors": {"before": "QVFIUj", "after": "QVFIUk"}}})

        return app


async def known_brand(database: MigratedDatabase, tenant: uuid.UUID) -> uuid.UUID:
    """A brand publishing learned from planning, through its real brand event handler."""
    brand_id = uuid.uuid4()
    created = BrandCreatedV1(brand_id=brand_id, name="Kettle Co", timezone="Europe/Paris", languages=["fr"])
    event = CloudEvent(
        type=created.event_type,
        source="chorus.planning",
        subject=str(brand_id),
        tenantid=str(tenant),
        data=created.model_dump(mode="json"),
    )
    engine = make_engine(database.app_url)
    async with UnitOfWork(make_sessions(engine), outbox=outbox, source="tests", tenant_id=tenant) as uow:
        await on_brand_event(uow, event)
        await uow.commit()
    await engine.dispose()
    return brand_id


async def outbox_events(database: MigratedDatabase, channel_id: str) -> list[dict[str, Any]]:
    """The channel's events as written to the outbox, oldest first (type + data)."""
    engine = create_async_engine(database.owner_url)
    async with engine.connect() as conn:
        rows = await conn.execute(
            text("SELECT event_type, value FROM outbox WHERE key = :k ORDER BY id"), {"k": channel_id.encode()}
        )
        found = [{"type": row.event_type, "data": json.loads(row.value)} for row in rows]
    await engine.dispose()
    return found


async def owner_sql(database: MigratedDatabase, statement: str, **params: Any) -> list[Any]:
    """Run SQL as the table owner (RLS still applies to it: FORCE), for looking at what is stored."""
    engine = create_async_engine(database.owner_url)
    async with engine.begin() as conn:
        if "tenant" in params:
            await conn.execute(text("SELECT set_config('app.tenant_id', :t, true)"), {"t": str(params.pop("tenant"))})
        result = await conn.execute(text(statement), params)
        rows = list(result) if result.returns_rows else []
    await engine.dispose()
    return rows


async def connect_x(client: httpx.AsyncClient, fake: FakeOAuth, brand: uuid.UUID, headers: dict[str, str]) -> str:
    """Connect the fake X account to `brand` the way a person does; returns the channel id."""
    started = await client.post(f"/brands/{brand}/channels/oauth/start", json={"network": "x"}, headers=headers)
    state, code = fake.consent(started.json()["authorization_url"])
    connected = await client.post("/channels/oauth/callback", json={"state": state, "code": code}, headers=headers)
    assert connected.status_code == 200, connected.text
    return str(connected.json()["id"])
