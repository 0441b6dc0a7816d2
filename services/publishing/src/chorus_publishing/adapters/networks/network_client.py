"""The HTTP client each connector talks to its network with: httpx's API over a cheaper transport, sent lean.

Connectors build requests with httpx (`client.post(url, json=..., headers=...)`) and read httpx responses, but never
use what httpx's `send` does around the transport on every call: auth flows (they set their own Authorization
header), redirect following (a redirect is an answer to map, not to follow), the cookie jar. The dispatcher makes
thousands of calls a second at a top-of-the-hour burst, and that machinery was ~14% of a replica's CPU, so
`NetworkClient.send` hands the request straight to the transport.

No cookie jar is also a matter of correctness: one client serves every account of a network, and a cookie set by
the answer to one account's call must never ride along on another account's call.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

import httpx

from chorus_shared.observability.request_log import HTTPX_LOGGER, hide_request_queries

from .aiohttp_transport import AiohttpTransport
from .http import DEFAULT_TIMEOUT

CONNECTIONS = 200  # calls in flight to one network from one process; a dispatcher keeps a few hundred in flight

log = logging.getLogger(HTTPX_LOGGER)  # the request lines read as httpx's own, with its queries hidden


class NetworkClient(httpx.AsyncClient):
    def __init__(self, *, timeout: float | httpx.Timeout, transport: httpx.AsyncBaseTransport) -> None:
        super().__init__(timeout=timeout, transport=transport)
        self._network_transport = transport

    def build_request(self, method: str, url: httpx.URL | str, **options: Any) -> httpx.Request:
        """httpx's, with the URL parsed once per distinct address (see `_parsed`)."""
        return super().build_request(method, _parsed(url) if isinstance(url, str) else url, **options)

    async def send(self, request: httpx.Request, **options: Any) -> httpx.Response:
        """The request as built, to the transport; the body read unless `stream=True`. Redirects are returned."""
        if self.is_closed:
            raise RuntimeError("the network client is closed")
        if options.get("auth") not in (None, httpx.USE_CLIENT_DEFAULT) or options.get("follow_redirects") is True:
            raise ValueError("connectors send their own credentials and do not follow redirects")
        # A request built by hand (not through `build_request`) still gets the client's timeout: never none at all.
        request.extensions.setdefault("timeout", self.timeout.as_dict())
        response = await self._network_transport.handle_async_request(request)
        response.request = request
        if not options.get("stream", False):
            try:
                await response.aread()
            except BaseException:
                await response.aclose()
                raise
        if log.isEnabledFor(logging.INFO):
            log.info('HTTP Request: %s %s "%d"', request.method, request.url, response.status_code)
        return response


@functools.lru_cache(maxsize=4096)
def _address(url: str) -> httpx.URL:
    return httpx.URL(url)


def _parsed(url: str) -> httpx.URL:
    """A dispatcher calls the same few addresses (an account's posts endpoint) thousands of times a minute, and
    httpx parses a URL in pure Python on every request (~14 µs of CPU, as much as a small statement costs). Parsed
    URLs are immutable, so one parse serves every call. An address with a query is parsed each time, never kept:
    some networks carry tokens in it (Graph API paging links)."""
    return httpx.URL(url) if "?" in url else _address(url)


def network_client(timeout: float | httpx.Timeout | None = None, *, connections: int = CONNECTIONS) -> NetworkClient:
    hide_request_queries()  # Graph API paging links carry the access token in their query
    return NetworkClient(
        timeout=DEFAULT_TIMEOUT if timeout is None else timeout, transport=AiohttpTransport(connections=connections)
    )
