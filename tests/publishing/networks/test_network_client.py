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

from chorus_publishing.adapters.networks.aiohttp_transport import IDLE_CONNECTION_S, AiohttpTransport
from chorus_publishing.adapters.networks.connector import Credentials, MediaItem, PostContent
from chorus_publishing.adapters.networks.errors import TransientError, UnknownOutcome
from chorus_publishing.adapters.networks.network_client import _address, network_client
from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.testing.fake_networks.common import CONNECTOR_PATIENCE, OUTLASTS_PATIENCE, serve

pytestmark = pytest.mark.timeout(30)
ACME = Credentials(access_token="t", account_id="acme")
# Writes and reads give up quickly; the connect keeps room for a loaded machine (a failed connect is another class).
IMPATIENT_UPLOAD = httpx.Timeout(0.5, connect=3.0)


class Echo:
    """A network stand-in: remembers how many calls it held at once and from which sockets, and echoes requests."""

    def __init__(self) -> None:
        self.holding = 0
        self.most_at_once = 0
        self.sockets: set[int] = set()
        self.release = asyncio.Event()

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

        @app.get("/held")
        async def held() -> dict[str, bool]:
            self.holding += 1
            await self.release.wait()
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

        @app.get("/sets-cookie")
        async def sets_cookie() -> Response:
            return Response("{}", media_type="application/json", headers={"Set-Cookie": "session=account-a; Path=/"})

        @app.get("/moved")
        async def moved() -> Response:
            return Response(status_code=302, headers={"Location": "/slow"})

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


@asynccontextmanager
async def stops_reading_after_headers() -> AsyncIterator[str]:
    """A server that takes a request's headers and then reads nothing more: an upload stalls once buffers fill."""
    done = asyncio.Event()

    async def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        await done.wait()
        writer.close()

    server = await asyncio.start_server(on_connect, "127.0.0.1", 0, limit=1024)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        done.set()
        server.close()
        await server.wait_closed()


async def test_no_more_calls_in_flight_than_connections_and_connections_are_reused() -> None:
    echo = Echo()
    async with serve(echo.app()) as url, network_client(CONNECTOR_PATIENCE, connections=2) as client:
        answers = await asyncio.gather(*(client.get(f"{url}/slow") for _ in range(6)))

    assert [a.status_code for a in answers] == [200] * 6
    assert echo.most_at_once == 2
    assert len(echo.sockets) == 2


async def test_a_connection_idle_longer_than_servers_keep_theirs_is_not_reused() -> None:
    """A server closes an idle connection after a few seconds; a call sent on it as it closes gets no answer, and
    for a post that is an unknown outcome. The client lets its idle connections go first."""
    echo = Echo()
    async with serve(echo.app()) as url, network_client(CONNECTOR_PATIENCE) as client:
        await client.get(f"{url}/slow")
        await client.get(f"{url}/slow")  # at once: the same connection
        assert len(echo.sockets) == 1
        await asyncio.sleep(IDLE_CONNECTION_S + 0.5)  # uvicorn, serving here, would keep it 5 s
        await client.get(f"{url}/slow")
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
    echo = Echo()
    async with serve(echo.app()) as url:
        client = httpx.AsyncClient(timeout=CONNECTOR_PATIENCE, transport=AiohttpTransport(connections=1))
        holder = asyncio.create_task(client.get(f"{url}/held"))  # takes the only connection until released
        while not echo.holding:
            await asyncio.sleep(0.01)
        with pytest.raises(httpx.ConnectTimeout):
            await client.get(f"{url}/slow", timeout=httpx.Timeout(10.0, pool=0.05, connect=0.05))
        echo.release.set()
        assert (await holder).status_code == 200
        await client.aclose()


async def test_a_network_that_stops_reading_an_upload_times_the_call_out_as_maybe_sent() -> None:
    async with stops_reading_after_headers() as url:
        async with network_client(IMPATIENT_UPLOAD) as client:
            with pytest.raises(httpx.WriteTimeout):
                await client.post(f"{url}/media", content=b"\0" * 64 * 1024 * 1024)

        connector = SandboxConnector(url, timeout=IMPATIENT_UPLOAD)
        big = MediaItem(content=b"\0" * 64 * 1024 * 1024, mime_type="image/png")
        with pytest.raises(UnknownOutcome):
            await connector.publish(ACME, PostContent(text="with a big photo", media=[big]), idempotency_key="k")
        await connector.aclose()


async def test_request_log_lines_show_no_query(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="httpx")
    async with serve(Echo().app()) as url, network_client(CONNECTOR_PATIENCE) as client:
        await client.get(f"{url}/slow", params={"access_token": "page-token-123"})

    assert "/slow" in caplog.text
    assert "page-token-123" not in caplog.text


async def test_a_closed_transport_sends_nothing() -> None:
    echo = Echo()
    async with serve(echo.app()) as url:
        transport = AiohttpTransport(connections=1)
        first = await transport.handle_async_request(httpx.Request("GET", f"{url}/slow"))
        await transport.aclose()

        with pytest.raises(RuntimeError, match="closed"):
            await transport.handle_async_request(httpx.Request("GET", f"{url}/slow"))
    assert first.status_code == 200
    assert len(echo.sockets) == 1


def test_a_transport_without_connections_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one connection"):
        AiohttpTransport(connections=0)


async def test_a_cookie_one_account_was_given_never_rides_on_another_accounts_call() -> None:
    async with serve(Echo().app()) as url, network_client(CONNECTOR_PATIENCE) as client:
        await client.get(f"{url}/sets-cookie")
        echoed = (await client.post(f"{url}/echo", content=b"{}")).json()

    assert "cookie" not in {name for name, _ in echoed["headers"]}
    assert not client.cookies


async def test_a_redirect_is_an_answer_and_is_not_followed() -> None:
    echo = Echo()
    async with serve(echo.app()) as url, network_client(CONNECTOR_PATIENCE) as client:
        answer = await client.get(f"{url}/moved")

    assert answer.status_code == 302
    assert answer.headers["location"] == "/slow"
    assert echo.sockets == set()  # /slow was never called


async def test_auth_flows_and_following_redirects_are_refused_rather_than_ignored() -> None:
    async with network_client(CONNECTOR_PATIENCE) as client:
        with pytest.raises(ValueError, match="redirects"):
            await client.get("http://127.0.0.1:9/", follow_redirects=True)
        with pytest.raises(ValueError, match="credentials"):
            await client.get("http://127.0.0.1:9/", auth=("user", "secret"))


async def test_a_streamed_answer_is_read_when_asked_for() -> None:
    async with serve(Echo().app()) as url, network_client(CONNECTOR_PATIENCE) as client:
        async with client.stream("POST", f"{url}/echo", content=b"12345") as answer:
            body = json.loads(await answer.aread())

    assert body["length"] == 5


async def test_a_closed_client_sends_nothing() -> None:
    client = network_client(CONNECTOR_PATIENCE)
    await client.aclose()
    with pytest.raises(RuntimeError, match="closed"):
        await client.get("http://127.0.0.1:9/")


async def test_a_request_built_by_hand_still_gets_the_clients_timeout() -> None:
    async with serve(Echo().app()) as url, network_client(CONNECTOR_PATIENCE) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.send(httpx.Request("GET", f"{url}/late"))


async def test_an_address_called_again_reaches_the_network_the_same_and_one_with_a_query_is_never_kept() -> None:
    async with serve(Echo().app()) as url, network_client(CONNECTOR_PATIENCE) as client:
        before = _address.cache_info()
        answers = [await client.post(f"{url}/echo", params={"n": str(n)}, json={"n": n}) for n in range(3)]
        kept = _address.cache_info().currsize
        assert (kept - before.currsize, _address.cache_info().hits - before.hits) == (1, 2)  # parsed once, for 3
        with_token = await client.post(f"{url}/echo?access_token=page-token-{kept}", json={})
        assert _address.cache_info().currsize == kept  # parsed for this call only: tokens ride in some queries

    assert [a.json()["query"] for a in answers] == ["n=0", "n=1", "n=2"]  # the kept address is never changed
    assert [str(a.request.url) for a in answers] == [f"{url}/echo?n={n}" for n in range(3)]
    assert with_token.json()["query"] == f"access_token=page-token-{kept}"
