"""Meta Graph API plumbing shared by the Facebook Pages and Instagram connectors: calls, error codes, usage headers.

Graph errors come as {"error": {"message", "type", "code", "error_subcode", "is_transient"}}, and the HTTP status
says little (a throttle is a 400 or a 403): the code decides. Tokens travel in the Authorization header only, so
they never appear in a URL that an exception or a log line could print.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from .connector import Credentials
from .errors import AuthError, NetworkError, RateLimited, RejectedContent, TransientError, UnknownOutcome
from .http import bearer, send
from .network_client import network_client

GRAPH_URL = "https://graph.facebook.com"
GRAPH_VERSION = "v21.0"

# Meta's app and business-use-case windows roll over an hour and do not always say when access comes back.
DEFAULT_THROTTLE_WAIT = timedelta(minutes=10)

_AUTH_CODES = frozenset({190, 102, 10, *range(200, 300)})  # expired or revoked token, missing permission
_THROTTLE_CODES = frozenset({4, 17, 32, 613, 80001, 80002, 80004, 80005, 80006, 80008, 80014})
_TRANSIENT_CODES = frozenset({1, 2})  # "unknown error", "service temporarily unavailable"
_REJECTED_CODES = frozenset({100, 368, 506})  # invalid parameter, policy block, duplicate post
_USAGE_HEADERS = ("x-app-usage", "x-page-usage", "x-business-use-case-usage")


class GraphApi:
    """One Graph API host and version; `network` names the connector in errors."""

    def __init__(
        self,
        network: str,
        *,
        base_url: str = GRAPH_URL,
        version: str = GRAPH_VERSION,
        client: httpx.AsyncClient | None = None,
        extra_throttle_codes: frozenset[int] = frozenset(),
    ) -> None:
        self.network = network
        self._root = f"{base_url.rstrip('/')}/{version}"
        self._client = client or network_client()
        self._throttle_codes = _THROTTLE_CODES | extra_throttle_codes

    async def aclose(self) -> None:
        await self._client.aclose()

    async def get(self, credentials: Credentials, path: str, **params: str | int) -> dict[str, Any]:
        return await self._call(credentials, "GET", path, params=params)

    async def post(
        self,
        credentials: Credentials,
        path: str,
        data: dict[str, str],
        *,
        files: dict[str, tuple[str, bytes, str]] | None = None,
        creating: bool = False,
    ) -> dict[str, Any]:
        return await self._call(credentials, "POST", path, data=data, files=files, creating=creating)

    async def delete(self, credentials: Credentials, path: str) -> dict[str, Any]:
        return await self._call(credentials, "DELETE", path)

    async def _call(
        self, credentials: Credentials, method: str, path: str, *, creating: bool = False, **kwargs: Any
    ) -> dict[str, Any]:
        if not credentials.access_token:
            raise AuthError(f"{self.network}: the channel has no token", network=self.network)
        url = f"{self._root}/{path.lstrip('/')}"
        headers = bearer(credentials.access_token)
        response = await send(
            self.network,
            lambda: self._client.request(method, url, headers=headers, **kwargs),
            creating=creating,
            read_detail=graph_reason,
            special=lambda answer, detail: self._graph_error(answer, detail, creating=creating),
        )
        body: dict[str, Any] = response.json() if response.content else {}
        return body

    def _graph_error(self, response: httpx.Response, detail: str | None, *, creating: bool) -> NetworkError | None:
        error = _error_object(response)
        code = error.get("code")
        where = f"{self.network}: {response.request.method} {response.request.url.path} -> {response.status_code}"
        message = f"{where}: {detail}" if detail else where
        status = response.status_code
        if code in _AUTH_CODES:
            return AuthError(message, network=self.network, status=status, detail=detail)
        if code in self._throttle_codes or usage_exhausted(response.headers):
            return RateLimited(
                message, network=self.network, retry_at=throttle_retry_at(response.headers), status=status
            )
        if code in _TRANSIENT_CODES or error.get("is_transient") is True:
            kind = UnknownOutcome if creating else TransientError
            return kind(message, network=self.network, status=status, detail=detail)
        if code in _REJECTED_CODES:
            return RejectedContent(message, network=self.network, status=status, detail=detail)
        return None


def _error_object(response: httpx.Response) -> dict[str, Any]:
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        return {}
    return error if isinstance(error, dict) else {}


def graph_reason(response: httpx.Response) -> str | None:
    """The network's words, with the code and subcode that say which rule was broken."""
    error = _error_object(response)
    if not error:
        return response.text[:500] or None
    codes = ", ".join(f"{key} {error[key]}" for key in ("code", "error_subcode") if key in error)
    reason = error.get("error_user_msg") or error.get("message") or "Graph API error"
    return f"{reason} ({codes})" if codes else str(reason)


def _usage_entries(headers: httpx.Headers) -> list[dict[str, Any]]:
    """Every usage object in the usage headers; a business-use-case header maps ids to lists of them."""
    entries: list[dict[str, Any]] = []
    for name in _USAGE_HEADERS:
        try:
            usage = json.loads(headers.get(name, "null"))
        except ValueError:
            continue
        if not isinstance(usage, dict):
            continue
        if name == "x-business-use-case-usage":
            entries.extend(
                e for items in usage.values() if isinstance(items, list) for e in items if isinstance(e, dict)
            )
        else:
            entries.append(usage)
    return entries


def usage_exhausted(headers: httpx.Headers) -> bool:
    """True when a usage header says a quota is used up (100%) or access is withheld for a while."""
    for entry in _usage_entries(headers):
        if any(_number(entry.get(key)) >= 100 for key in ("call_count", "total_cputime", "total_time")):
            return True
        if _number(entry.get("estimated_time_to_regain_access")) > 0:
            return True
    return False


def throttle_retry_at(headers: httpx.Headers, *, now: datetime | None = None) -> datetime:
    """When access comes back: the longest `estimated_time_to_regain_access` (minutes), else Meta's usual wait."""
    moment = now or datetime.now(UTC)
    minutes = max((_number(e.get("estimated_time_to_regain_access")) for e in _usage_entries(headers)), default=0)
    if minutes > 0:
        return moment + timedelta(minutes=minutes)
    retry_after = headers.get("retry-after")
    if retry_after and retry_after.isdigit():
        return moment + timedelta(seconds=int(retry_after))
    return moment + DEFAULT_THROTTLE_WAIT


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def parse_graph_time(value: str) -> datetime:
    """Graph times look like 2024-05-01T12:00:00+0000."""
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")
