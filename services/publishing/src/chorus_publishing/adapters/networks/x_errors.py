"""How X words its errors: problem details ({title, detail}) or {errors: [{message}]}, and which 403s are content."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from .errors import NetworkError, RateLimited, RejectedContent
from .http import parse_reset

NETWORK = "x"
# A 403 with these words refuses the content, not the token: the channel must not be disconnected for it.
_CONTENT_REFUSALS = ("duplicate content", "reply to", "not allowed to create a Tweet")


def x_detail(response: httpx.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return response.text[:500] or None
    if not isinstance(body, dict):
        return None
    # The specific reason (errors[].message) first: a 400's `detail` only says "parameters were invalid".
    errors = body.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict) and errors[0].get("message"):
        return str(errors[0]["message"])
    return str(body.get("detail") or body.get("title") or "") or None


def x_special(response: httpx.Response, detail: str | None) -> NetworkError | None:
    if response.status_code == 429 and response.headers.get("x-user-limit-24hour-remaining") == "0":
        return _daily_cap(response)
    if response.status_code == 403 and detail and any(words in detail for words in _CONTENT_REFUSALS):
        message = f"{NETWORK}: {response.request.method} {response.request.url.path} -> 403: {detail}"
        return RejectedContent(message, network=NETWORK, status=403, detail=detail)
    return None


def _daily_cap(response: httpx.Response) -> RateLimited | None:
    """The account's 24-hour posting cap is spent: wait for its own reset, not the 15-minute window's."""
    reset = parse_reset(response.headers.get("x-user-limit-24hour-reset", ""), now=datetime.now(UTC))
    if reset is None:
        return None
    return RateLimited(f"{NETWORK}: the account's 24-hour post limit is reached", network=NETWORK, retry_at=reset)
