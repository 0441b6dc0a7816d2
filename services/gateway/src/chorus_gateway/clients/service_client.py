"""Typed calls to a service's REST API on behalf of the caller, with a freshly signed internal token each time."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any, TypeVar

import httpx
from pydantic import TypeAdapter, ValidationError

from chorus_shared.auth.internal_token import sign_internal_token
from chorus_shared.auth.principal import Principal
from chorus_shared.errors import (
    ChorusError,
    Conflict,
    FieldError,
    Forbidden,
    NotFound,
    Unauthenticated,
    ValidationFailed,
)
from chorus_shared.observability.context import correlation_id, traceparent

ResultT = TypeVar("ResultT")

_ERRORS_BY_STATUS: dict[int, type[ChorusError]] = {
    401: Unauthenticated,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    422: ValidationFailed,
}


class ServiceUnavailable(ChorusError):
    """The service did not answer, answered 5xx, or answered something we cannot read."""

    code = "service_unavailable"
    status_code = 503


class ServiceClient:
    """One service, one caller. `await client.get("/brands/1", Brand)` returns a validated `Brand`."""

    def __init__(
        self, *, service: str, base_url: str, http: httpx.AsyncClient, principal: Principal, secret: str, ttl: timedelta
    ) -> None:
        self.service = service
        self._base_url = base_url.rstrip("/")
        self._http = http
        self._principal = principal
        self._secret = secret
        self._ttl = ttl

    async def get(self, path: str, result_type: type[ResultT], *, params: Mapping[str, Any] | None = None) -> ResultT:
        return self._read(await self.request("GET", path, params=params), result_type)

    async def post(self, path: str, result_type: type[ResultT], *, json: Any = None) -> ResultT:
        return self._read(await self.request("POST", path, json=json), result_type)

    async def patch(self, path: str, result_type: type[ResultT], *, json: Any = None) -> ResultT:
        return self._read(await self.request("PATCH", path, json=json), result_type)

    async def delete(self, path: str) -> None:
        await self.request("DELETE", path)

    async def request(
        self, method: str, path: str, *, params: Mapping[str, Any] | None = None, json: Any = None
    ) -> httpx.Response:
        """Send the request; a 4xx becomes the matching ChorusError, a failure or 5xx ServiceUnavailable."""
        try:
            response = await self._http.request(
                method, f"{self._base_url}{path}", params=params, json=json, headers=self._headers()
            )
        except httpx.HTTPError as exc:
            raise ServiceUnavailable(f"The {self.service} service could not be reached.") from exc
        if response.status_code >= 400:
            raise self._error(response)
        return response

    def _headers(self) -> dict[str, str]:
        token = sign_internal_token(self._principal, secret=self._secret, ttl=self._ttl)
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        if (cid := correlation_id.get()) is not None:
            headers["X-Correlation-ID"] = cid
        if (parent := traceparent.get()) is not None:
            headers["traceparent"] = parent
        return headers

    def _read(self, response: httpx.Response, result_type: type[ResultT]) -> ResultT:
        try:
            return TypeAdapter(result_type).validate_json(response.content)
        except ValidationError as exc:
            raise ServiceUnavailable(f"The {self.service} service sent an unexpected answer.") from exc

    def _error(self, response: httpx.Response) -> ChorusError:
        error_type = _ERRORS_BY_STATUS.get(response.status_code)
        if error_type is None:
            return ServiceUnavailable(f"The {self.service} service failed ({response.status_code}).")
        body = _error_body(response)
        message = str(body.get("message") or f"The {self.service} service refused the request.")
        fields = [
            FieldError(str(f.get("field", "")), str(f.get("message", "")), str(f.get("code", "invalid")))
            for f in body.get("fields") or []
            if isinstance(f, dict)
        ]
        error = error_type(message, field_errors=fields)
        # Keep the service's own stable code (e.g. `brand_archived`), not just the status's generic one.
        if isinstance(code := body.get("code"), str) and code:
            error.code = code
        return error


def _error_body(response: httpx.Response) -> dict[str, Any]:
    """The `{"error": {...}}` body every service renders (chorus_shared.api.errors), or {} if absent."""
    try:
        body = response.json()
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}
