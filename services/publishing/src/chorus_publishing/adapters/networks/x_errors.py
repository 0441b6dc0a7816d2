"""How X words its errors: problem details ({title, detail}) or {errors: [{message}]}, and which 403s are content."""

from __future__ import annotations

import httpx

from .errors import NetworkError, RejectedContent

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
    if response.status_code == 403 and detail and any(words in detail for words in _CONTENT_REFUSALS):
        message = f"{NETWORK}: {response.request.method} {response.request.url.path} -> 403: {detail}"
        return RejectedContent(message, network=NETWORK, status=403, detail=detail)
    return None
