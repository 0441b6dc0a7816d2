"""The connectors' HTTP client: calls spread over several small pools, each pool's limit kept, errors unchanged."""

from __future__ import annotations

import asyncio
import logging

import pytest
from fastapi import FastAPI, Request

from chorus_publishing.adapters.networks.connector import Credentials, PostContent
from chorus_publishing.adapters.networks.errors import TransientError
from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.spread_transport import SpreadTransport, network_client
from chorus_publishing.testing.fake_networks.common import serve

pytestmark = pytest.mark.timeout(30)


class Counting:
    """A slow endpoint that remembers how many calls it held at once and from which client sockets they came."""

    def __init__(self) -> None:
        self.holding = 0
        self.most_at_once = 0
        self.sockets: set[int] = set()

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.get("/slow")
        async def slow(request: Request) -> dict[str, bool]:
            assert request.client is not None
            self.sockets.add(request.client.port)
            self.holding += 1
            self.most_at_once = max(self.most_at_once, self.holding)
            await asyncio.sleep(0.3)
            self.holding -= 1
            return {"ok": True}

        return app


async def test_concurrent_calls_use_every_pool_and_every_connection() -> None:
    counting = Counting()
    async with serve(counting.app()) as url, network_client(10.0, pools=4, connections_per_pool=2) as client:
        answers = await asyncio.gather(*(client.get(f"{url}/slow") for _ in range(8)))

    assert [a.status_code for a in answers] == [200] * 8
    assert counting.most_at_once == 8
    assert len(counting.sockets) == 8


async def test_no_more_calls_in_flight_than_the_pools_hold() -> None:
    counting = Counting()
    async with serve(counting.app()) as url, network_client(10.0, pools=2, connections_per_pool=1) as client:
        answers = await asyncio.gather(*(client.get(f"{url}/slow") for _ in range(6)))

    assert [a.status_code for a in answers] == [200] * 6
    assert counting.most_at_once == 2
    assert len(counting.sockets) == 2  # kept alive and reused, not reopened per call


async def test_a_refused_connection_is_still_a_transient_error_for_connectors() -> None:
    connector = SandboxConnector("http://127.0.0.1:9")

    with pytest.raises(TransientError):
        await connector.publish(
            Credentials(access_token="t", account_id="acme"), PostContent(text="x"), idempotency_key="k"
        )
    await connector.aclose()


async def test_request_log_lines_show_no_query(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="httpx")
    counting = Counting()
    async with serve(counting.app()) as url, network_client(10.0) as client:
        await client.get(f"{url}/slow", params={"access_token": "page-token-123"})

    assert "/slow" in caplog.text
    assert "page-token-123" not in caplog.text


def test_a_transport_without_pools_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one pool"):
        SpreadTransport(pools=0)
    with pytest.raises(ValueError, match="at least one connection"):
        SpreadTransport(connections_per_pool=0)


async def test_closing_the_client_closes_every_pool() -> None:
    counting = Counting()
    async with serve(counting.app()) as url:
        client = network_client(10.0, pools=3, connections_per_pool=1)
        await asyncio.gather(*(client.get(f"{url}/slow") for _ in range(3)))
        await client.aclose()

        with pytest.raises(RuntimeError):
            await client.get(f"{url}/slow")
