"""One call to a network's OAuth token endpoint: the grant it answers, or a refusal / outage that names no secret."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx

from chorus_publishing.adapters.oauth.config import OAuthClient

TIMEOUT = httpx.Timeout(20.0, connect=10.0)


class OAuthError(Exception):
    """Base of token endpoint failures. Messages carry the network and its error code, never a token or code."""

    def __init__(self, message: str, *, error: str | None = None) -> None:
        super().__init__(message)
        self.error = error


class OAuthRefused(OAuthError):
    """The grant is refused for good (invalid_grant, revoked, bad client): the user must connect again."""


class OAuthUnavailable(OAuthError):
    """No usable answer (connection failed, 5xx, 429): try again later."""


@dataclass(frozen=True)
class TokenGrant:
    access_token: str = field(repr=False)
    refresh_token: str | None = field(default=None, repr=False)
    expires_in: int | None = None  # seconds; None: the network did not say (a long-lived token)
    scopes: tuple[str, ...] = ()

    def expires_at(self, now: datetime) -> datetime | None:
        return None if self.expires_in is None else now + timedelta(seconds=self.expires_in)


async def request_grant(http: httpx.AsyncClient, client: OAuthClient, network: str, form: dict[str, str]) -> TokenGrant:
    body, headers = dict(form), {"Accept": "application/json"}
    secret = client.client_secret.get_secret_value()
    if client.basic_auth and secret:
        pair = f"{client.client_id}:{secret}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
        body["client_id"] = client.client_id
    else:
        body["client_id"] = client.client_id
        if secret:
            body["client_secret"] = secret
    try:
        response = await http.post(client.token_url, data=body, headers=headers, timeout=TIMEOUT)
    except httpx.TransportError as exc:
        raise OAuthUnavailable(f"{network}: token endpoint unreachable ({type(exc).__name__})") from None
    return grant_from(network, response)


def grant_from(network: str, response: httpx.Response) -> TokenGrant:
    """The token endpoint's answer as a grant, or the refusal / outage it means."""
    error = _error_code(response)
    if response.status_code == 429 or response.status_code >= 500:
        raise OAuthUnavailable(f"{network}: token endpoint answered {response.status_code}", error=error)
    if not response.is_success:
        raise OAuthRefused(f"{network}: token endpoint refused ({response.status_code} {error})", error=error)
    try:
        answer = response.json()
        access = answer["access_token"]
    except (ValueError, KeyError, TypeError):
        raise OAuthUnavailable(f"{network}: token endpoint answer has no access_token") from None
    if not isinstance(access, str) or not access:
        raise OAuthUnavailable(f"{network}: token endpoint answer has no access_token")
    scope = answer.get("scope") or ""
    return TokenGrant(
        access_token=access,
        refresh_token=answer.get("refresh_token") or None,
        expires_in=_seconds(answer.get("expires_in")),
        scopes=tuple(scope.replace(",", " ").split()) if isinstance(scope, str) else (),
    )


def _seconds(value: object) -> int | None:
    """`expires_in` as whole seconds; networks send numbers or numeric strings, and 0 or nothing for no expiry."""
    try:
        seconds = int(float(str(value)))
    except ValueError:
        return None
    return seconds if seconds > 0 else None


def _error_code(response: httpx.Response) -> str | None:
    """RFC 6749's `error` name only: descriptions are free text we do not repeat."""
    try:
        answer = response.json()
    except ValueError:
        return None
    error = answer.get("error") if isinstance(answer, dict) else None
    if isinstance(error, dict):  # Graph API {"error": {"type", "code"}}: the code tells an expired token from a bad app
        error = " ".join(str(part) for part in (error.get("type"), error.get("code")) if part is not None)
    return str(error)[:64] if error else None
