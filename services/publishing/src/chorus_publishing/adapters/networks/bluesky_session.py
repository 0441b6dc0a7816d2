"""Bluesky sessions from an app password: created once, refreshed when the access token expires, never logged."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

from .connector import Credentials
from .errors import AuthError
from .http import bearer, send

NETWORK = "bluesky"
# The PDS answers 400 with these error names when the access token is no longer good.
SESSION_ERRORS = ("ExpiredToken", "InvalidToken")


@dataclass(frozen=True)
class Session:
    did: str
    handle: str
    access_jwt: str = field(repr=False)
    refresh_jwt: str = field(repr=False)


def bluesky_detail(response: httpx.Response) -> str | None:
    """XRPC errors are {"error": name, "message": words}: the name first, so callers can test it."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:500] or None
    if not isinstance(body, dict):
        return None
    parts = [str(body[key]) for key in ("error", "message") if body.get(key)]
    return ": ".join(parts) or None


def session_error(response: httpx.Response, detail: str | None) -> AuthError | None:
    if response.status_code == 400 and detail and detail.startswith(SESSION_ERRORS):
        message = f"{NETWORK}: {response.request.url.path} -> {detail}"
        return AuthError(message, network=NETWORK, status=400, detail=detail)
    return None


class Sessions:
    """One session per (PDS, account), reused across calls: createSession is tightly rate limited."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._sessions: dict[tuple[str, str], Session] = {}

    async def current(self, credentials: Credentials, pds: str) -> Session:
        key = (pds, credentials.account_id)
        if key not in self._sessions:
            self._sessions[key] = await self._create(credentials, pds)
        return self._sessions[key]

    async def renew(self, credentials: Credentials, pds: str, stale: Session) -> Session:
        """A new session after the PDS refused `stale`: refreshed if possible, else created from the app password."""
        key = (pds, credentials.account_id)
        if self._sessions.get(key) not in (None, stale):
            return self._sessions[key]  # another call renewed it meanwhile
        self._sessions.pop(key, None)
        try:
            renewed = await self._refresh(pds, stale)
        except AuthError:
            renewed = await self._create(credentials, pds)
        self._sessions[key] = renewed
        return renewed

    async def _create(self, credentials: Credentials, pds: str) -> Session:
        body = {"identifier": credentials.account_id, "password": credentials.access_token}
        url = f"{pds}/xrpc/com.atproto.server.createSession"
        return await self._session(lambda: self._client.post(url, json=body))

    async def _refresh(self, pds: str, stale: Session) -> Session:
        url = f"{pds}/xrpc/com.atproto.server.refreshSession"
        return await self._session(lambda: self._client.post(url, headers=bearer(stale.refresh_jwt)))

    async def _session(self, call: Callable[[], Awaitable[httpx.Response]]) -> Session:
        response = await send(NETWORK, call, read_detail=bluesky_detail, special=_any_400_is_auth)
        body = response.json()
        return Session(body["did"], body.get("handle", ""), body["accessJwt"], body["refreshJwt"])


def _any_400_is_auth(response: httpx.Response, detail: str | None) -> AuthError | None:
    # createSession and refreshSession refuse bad passwords and dead refresh tokens with 400 or 401.
    if response.status_code in (400, 401):
        return AuthError(f"{NETWORK}: session refused -> {detail}", network=NETWORK, status=response.status_code)
    return None
