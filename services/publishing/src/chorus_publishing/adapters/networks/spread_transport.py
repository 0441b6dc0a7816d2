"""The HTTP client connectors talk through: many small connection pools instead of one large one.

httpcore's pool walks every connection it holds each time a request is queued or a response is closed, so the CPU a
request costs grows with the pool's size. Measured against the sandbox network (50 ms latency) from one process: one
pool of 200 connections sends ~120 requests/s at 100% of a core; 8 pools of 25, ~500/s; 50 pools of 4, ~1,000/s at
80%. A dispatcher with hundreds of posts in flight to one network therefore spreads them over many tiny pools.
"""

from __future__ import annotations

import itertools

import httpx

from chorus_publishing.adapters.oauth.request_log import hide_request_queries

from .http import DEFAULT_TIMEOUT

POOLS = 50
CONNECTIONS_PER_POOL = 4


class SpreadTransport(httpx.AsyncBaseTransport):
    """Hands requests to its pools in turn; each pool keeps its own keep-alive connections and limits."""

    def __init__(self, *, pools: int = POOLS, connections_per_pool: int = CONNECTIONS_PER_POOL) -> None:
        if pools < 1 or connections_per_pool < 1:
            raise ValueError("a spread transport needs at least one pool of at least one connection")
        limits = httpx.Limits(max_connections=connections_per_pool, max_keepalive_connections=connections_per_pool)
        # One TLS context for all the pools: building one loads the CA bundle, ~20 ms of CPU each time.
        tls = httpx.create_ssl_context()
        self._pools = [httpx.AsyncHTTPTransport(limits=limits, verify=tls) for _ in range(pools)]
        # Turn by turn rather than least busy: calls to one network take about as long as each other, and a turn
        # needs no bookkeeping when a response's body is read later than its headers.
        self._turns = itertools.cycle(self._pools)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await next(self._turns).handle_async_request(request)

    async def aclose(self) -> None:
        for pool in self._pools:
            await pool.aclose()


def network_client(
    timeout: float | httpx.Timeout | None = None,
    *,
    pools: int = POOLS,
    connections_per_pool: int = CONNECTIONS_PER_POOL,
) -> httpx.AsyncClient:
    """A client for one network's API: up to `pools * connections_per_pool` calls in flight at a flat CPU cost."""
    hide_request_queries()  # Graph API paging links carry the access token in their query
    return httpx.AsyncClient(
        timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
        transport=SpreadTransport(pools=pools, connections_per_pool=connections_per_pool),
    )
