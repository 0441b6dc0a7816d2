"""The HTTP client each connector talks to its network with."""

from __future__ import annotations

import httpx

from chorus_shared.observability.request_log import hide_request_queries

from .aiohttp_transport import AiohttpTransport
from .http import DEFAULT_TIMEOUT

CONNECTIONS = 200  # calls in flight to one network from one process; a dispatcher keeps a few hundred in flight


def network_client(
    timeout: float | httpx.Timeout | None = None, *, connections: int = CONNECTIONS
) -> httpx.AsyncClient:
    hide_request_queries()  # Graph API paging links carry the access token in their query
    return httpx.AsyncClient(
        timeout=DEFAULT_TIMEOUT if timeout is None else timeout, transport=AiohttpTransport(connections=connections)
    )
