"""The shared HTTP helpers: reset headers in every network's format, and status codes mapped to the vocabulary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from chorus_publishing.adapters.networks.errors import (
    AuthError,
    RateLimited,
    RejectedContent,
    TransientError,
    UnknownOutcome,
)
from chorus_publishing.adapters.networks.http import parse_reset, retry_at, send

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1772366460", datetime(2026, 3, 1, 12, 1, tzinfo=UTC)),  # unix seconds (X, Bluesky)
        ("120", NOW + timedelta(seconds=120)),  # a delay (Retry-After)
        ("2026-03-01T12:05:00.000Z", datetime(2026, 3, 1, 12, 5, tzinfo=UTC)),  # ISO 8601 (Mastodon)
        ("Sun, 01 Mar 2026 12:10:00 GMT", datetime(2026, 3, 1, 12, 10, tzinfo=UTC)),  # HTTP date
        ("soon", None),
    ],
)
def test_a_reset_header_is_read_in_each_networks_format(value: str, expected: datetime | None) -> None:
    assert parse_reset(value, now=NOW) == expected


def test_without_a_reset_header_a_429_waits_a_default_minute() -> None:
    assert retry_at({}, now=NOW) == NOW + timedelta(seconds=60)


def test_the_latest_of_several_reset_headers_wins() -> None:
    assert retry_at({"retry-after": "30", "x-rate-limit-reset": "1772366700"}, now=NOW) == datetime(
        2026, 3, 1, 12, 5, tzinfo=UTC
    )


def _answering(status: int, body: object = None, headers: dict[str, str] | None = None) -> httpx.AsyncClient:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=body if body is not None else {}, headers=headers)

    return httpx.AsyncClient(transport=httpx.MockTransport(handler), base_url="http://network.test")


@pytest.mark.parametrize(
    ("status", "creating", "error"),
    [
        (401, False, AuthError),
        (403, False, AuthError),
        (422, False, RejectedContent),
        (500, False, TransientError),
        (503, True, UnknownOutcome),
        (429, True, RateLimited),
    ],
)
async def test_statuses_map_to_the_vocabulary(status: int, creating: bool, error: type[Exception]) -> None:
    async with _answering(status, {"error": "because"}) as client:
        with pytest.raises(error) as raised:
            await send("demo", lambda: client.post("/things?access_token=s3cret"), creating=creating)
    assert "s3cret" not in str(raised.value)


async def test_a_refused_connection_is_transient_even_on_create() -> None:
    async with httpx.AsyncClient(base_url="http://127.0.0.1:9") as client:
        with pytest.raises(TransientError):
            await send("demo", lambda: client.post("/things"), creating=True)
