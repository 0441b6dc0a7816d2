"""The connectors' HTTP client (httpx over aiohttp): what reaches the network, what comes back, and which error a
failure becomes, since that decides between retrying a post and asking the network whether it went out."""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from fastapi import FastAPI, Request, Response

from chorus_publishing.adapters.networks.aiohttp_transport import AiohttpTransport
from chorus_publishing.adapters.networks.connector import Credentials, PostContent
from chorus_publishing.adapters.networks.errors import TransientError, UnknownOutcome
from chorus_publishing.adapters.networks.network_client import network_client
from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.testing.fake_networks.common import CONNECTOR_PATIENCE, OUTLASTS_PATIENCE, serve

pytestmark = pytest.mark.timeout(30)
ACME = Credentials(access_token="t", account_id="acme")


class Echo:
    """A network stand-in: remembers how many calls it held at once and from which sockets, and echoes requests."""

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

        @app.post("/echo")
        async def echo(request: Request) -> dict[str, object]:
            body = await request.body()
            return {
                "headers": [[k.decode(), v.decode()] for k, v in request.scope["headers"]],
                "query": request.url.query,
                "sha256": hashlib.sha256(body).hexdigest(),
                "length": len(body),
            }

        @app.get("/gzipped")
        async def gzipped() -> Response:
            payload = gzip.compress(json.dumps({"said": "bonjour"}).encode())
            return Response(payload, media_type="application/json", headers={"Content-Encoding": "gzip"})

        @app.get("/late")
        async def late() -> dict[str, bool]:
            await asyncio.sleep(OUTLASTS_PATIENCE)
            return {"ok": True}

        return app


@asynccontextmanager
async def hangs_up_after_reading() -> AsyncIterator[str]:
    """A server that reads the whole request, then closes the connection without a word: did the post go out?"""

    async def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.close()

    server = await asyncio.start_server(on_connect, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()
        await server.wait_closed()


async def test_no_more_calls_in_flight_than_connections_and_connections_are_reused() -> None:
    echo = Echo()
    async with serve(echo.app()) as url, network_client(CONNECTOR_PATIENCE, connections=2) as client:
        answers = await asyncio.gather(*(client.get(f"{url}/slow") for _ in range(6)))

    assert [a.status_code for a in answers] == [200] * 6
    assert echo.most_at_once == 2
    assert len(echo.sockets) == 2


async def test_headers_query_and_multipart_body_arrive_once_and_intact() -> None:
    media = bytes(range(256)) * 64
    async with serve(Echo().app()) as url, network_client(CONNECTOR_PATIENCE) as client:
        answer = await client.post(
            f"{url}/echo",
            params={"q": "a b/é"},
            headers={"Authorization": "Bearer secret-1"},
            files={"file": ("photo.jpg", media, "image/jpeg")},
            data={"alt": "A kettle"},
        )

    seen = answer.json()
    names = [name for name, _ in seen["headers"]]
    assert names.count("authorization") == names.count("user-agent") == names.count("content-length") == 1
    assert dict(seen["headers"])["content-type"].startswith("multipart/form-data; boundary=")
    assert seen["query"] == "q=a+b%2F%C3%A9"
    assert seen["length"] > len(media)
    assert media in answer.request.content
    assert seen["sha256"] == hashlib.sha256(answer.request.content).hexdigest()


async def test_a_compressed_answer_is_decoded_once() -> None:
    async with serve(Echo().app()) as url, network_client(CONNECTOR_PATIENCE) as client:
        answer = await client.get(f"{url}/gzipped")

    assert answer.json() == {"said": "bonjour"}


async def test_nothing_listening_is_a_connect_error_a_post_can_be_retried_after() -> None:
    async with network_client(CONNECTOR_PATIENCE) as client:
        with pytest.raises(httpx.ConnectError):
            await client.get("http://127.0.0.1:9/")

    connector = SandboxConnector("http://127.0.0.1:9")
    with pytest.raises(TransientError):
        await connector.publish(ACME, PostContent(text="x"), idempotency_key="k")
    await connector.aclose()


async def test_an_answer_later_than_the_read_timeout_is_a_read_timeout() -> None:
    async with serve(Echo().app()) as url, network_client(CONNECTOR_PATIENCE) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.get(f"{url}/late")


async def test_a_connection_dropped_after_the_request_is_an_unknown_outcome_for_a_post() -> None:
    async with hangs_up_after_reading() as url:
        async with network_client(CONNECTOR_PATIENCE) as client:
            with pytest.raises(httpx.ReadError):
                await client.post(f"{url}/v1/accounts/acme/posts", json={"text": "x"})

        connector = SandboxConnector(url)
        with pytest.raises(UnknownOutcome):
            await connector.publish(ACME, PostContent(text="sent, then silence"), idempotency_key="k")
        await connector.aclose()


async def test_waiting_for_a_free_connection_too_long_is_a_connect_timeout() -> None:
    async with serve(Echo().app()) as url:
        client = httpx.AsyncClient(
            timeout=httpx.Timeout(10.0, pool=0.05, connect=0.05), transport=AiohttpTransport(connections=1)
        )
        results = await asyncio.gather(client.get(f"{url}/slow"), client.get(f"{url}/slow"), return_exceptions=True)
        await client.aclose()

    assert sorted(type(r).__name__ for r in results) == ["ConnectTimeout", "Response"]


async def test_request_log_lines_show_no_query(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="httpx")
    async with serve(Echo().app()) as url, network_client(CONNECTOR_PATIENCE) as client:
        await client.get(f"{url}/slow", params={"access_token": "page-token-123"})

    assert "/slow" in caplog.text
    assert "page-token-123" not in caplog.text


async def test_a_closed_client_sends_nothing() -> None:
    echo = Echo()
    async with serve(echo.app()) as url:
        client = network_client(CONNECTOR_PATIENCE)
        await client.get(f"{url}/slow")
        await client.aclose()

        with pytest.raises(RuntimeError):
            await client.get(f"{url}/slow")
    assert len(echo.sockets) == 1


def test_a_transport_without_connections_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one connection"):
        AiohttpTransport(connections=0)
