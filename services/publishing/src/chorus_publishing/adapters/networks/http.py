"""Shared HTTP plumbing for connectors: one httpx call mapped to the error vocabulary, and rate-limit reset parsing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import httpx

from .errors import AuthError, NetworkError, RateLimited, RejectedContent, TransientError, UnknownOutcome

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
DEFAULT_RETRY_DELAY = timedelta(seconds=60)  # when a 429 carries no usable reset header
_EPOCH_THRESHOLD = 1_000_000_000  # a bigger number is a unix time, a smaller one a delay in seconds

# Header names each network uses for the moment its window resets, in the order they are looked at.
RESET_HEADERS = ("retry-after", "x-rate-limit-reset", "x-ratelimit-reset", "ratelimit-reset")


def parse_reset(value: str, *, now: datetime) -> datetime | None:
    """One reset header's value as an absolute time.

    Accepts what the networks send: a unix time (X's x-rate-limit-reset, Bluesky's ratelimit-reset), a delay in
    seconds (Retry-After, the IETF draft's RateLimit-Reset), an ISO 8601 time (Mastodon's X-RateLimit-Reset) or an
    HTTP date (Retry-After). None if the value is none of those.
    """
    text = value.strip()
    try:
        number = float(text)
    except ValueError:
        return _parse_date(text)
    if number >= _EPOCH_THRESHOLD:
        return datetime.fromtimestamp(number, tz=UTC)
    return now + timedelta(seconds=max(number, 0.0))


def _parse_date(text: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def retry_at(headers: Mapping[str, str], *, now: datetime | None = None) -> datetime:
    """When to try again after a 429: the latest time any known reset header names, else a default delay."""
    moment = now or datetime.now(UTC)
    times = [t for name in RESET_HEADERS if (v := headers.get(name)) is not None if (t := parse_reset(v, now=moment))]
    return max(times) if times else moment + DEFAULT_RETRY_DELAY


def error_for_status(
    network: str, response: httpx.Response, *, detail: str | None, creating: bool = False
) -> NetworkError:
    """The usual meaning of an HTTP error status; connectors special-case their network's exceptions first."""
    status = response.status_code
    where = f"{network}: {response.request.method} {response.request.url.path} -> {status}"
    message = f"{where}: {detail}" if detail else where
    if status == 429:
        return RateLimited(message, network=network, retry_at=retry_at(response.headers))
    if status in (401, 403):
        return AuthError(message, network=network, status=status, detail=detail)
    if status >= 500 and creating:
        return UnknownOutcome(message, network=network, status=status, detail=detail)
    if status >= 500 or status in (408, 425):
        return TransientError(message, network=network, status=status, detail=detail)
    return RejectedContent(message, network=network, status=status, detail=detail)


DetailReader = Callable[[httpx.Response], str | None]
ErrorMapper = Callable[[httpx.Response, str | None], NetworkError | None]


def json_field(*names: str) -> DetailReader:
    """A reader of the network's reason: the first of these top-level JSON fields present, else the body text."""

    def read(response: httpx.Response) -> str | None:
        try:
            body = response.json()
        except ValueError:
            return response.text[:500] or None
        if isinstance(body, dict):
            for name in names:
                if isinstance(value := body.get(name), str) and value:
                    return value
        return response.text[:500] or None

    return read


_DEFAULT_DETAIL = json_field("error", "message", "detail")


async def send(
    network: str,
    call: Callable[[], Awaitable[httpx.Response]],
    *,
    creating: bool = False,
    read_detail: DetailReader | None = None,
    special: ErrorMapper | None = None,
) -> httpx.Response:
    """Run one request; return its 2xx response or raise the vocabulary's error.

    `creating` marks requests that create something: once the request may have reached the network, a timeout,
    a dropped connection or a 5xx is an UnknownOutcome (never blindly re-sent), not a TransientError.
    Messages carry method, path and status only: never headers, query strings or bodies we sent (tokens).
    """
    try:
        response = await call()
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        raise TransientError(f"{network}: could not connect ({type(exc).__name__})", network=network) from None
    except httpx.TransportError as exc:
        error = UnknownOutcome if creating else TransientError
        raise error(f"{network}: no answer after sending ({type(exc).__name__})", network=network) from None
    if response.is_success:
        return response
    detail = (read_detail or _DEFAULT_DETAIL)(response)
    mapped = special(response, detail) if special else None
    raise mapped or error_for_status(network, response, detail=detail, creating=creating)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
