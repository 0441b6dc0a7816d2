"""The sandbox network's HTTP server: a local social network for demos, tests and benchmarks.

Run it with `python -m chorus_publishing.adapters.networks.sandbox_server --port 8099 --latency-ms 50`, or in
process with `running_sandbox()`. Network calls live under /v1 and behave like a real network's: latency, a
per-account rate limit (429 with Retry-After), and failures queued through /_control.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated

import uvicorn
from fastapi import Depends, FastAPI, Header, Request, Response
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chorus_publishing.adapters.networks.sandbox_control import control_router
from chorus_publishing.adapters.networks.sandbox_schemas import (
    CommentIn,
    CommentOut,
    PostIn,
    PostOut,
    comment_out,
    post_out,
)
from chorus_publishing.adapters.networks.sandbox_state import InjectedFailure, SandboxNetwork, SandboxSettings

MAX_TEXT_LENGTH = 500


class SandboxError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


@dataclass
class NetworkCall:
    network: SandboxNetwork
    account: str


def _network(request: Request) -> SandboxNetwork:
    network: SandboxNetwork = request.app.state.network
    return network


async def _admit(
    account: str,
    request: Request,
    network: Annotated[SandboxNetwork, Depends(_network)],
    authorization: Annotated[str | None, Header()] = None,
) -> NetworkCall:
    """What every network call goes through, in the order a real network applies it."""
    await asyncio.sleep(network.settings.latency_s)
    if not authorization or not authorization.startswith("Bearer ") or len(authorization) <= len("Bearer "):
        raise SandboxError(401, "unauthorized", "A bearer token is required.")
    wait = network.seconds_until_allowed(account)
    if wait is not None:
        raise SandboxError(429, "rate_limited", "Too many requests for this account.", _retry_headers(network, wait))
    failure = network.take_failure(account)
    if failure is InjectedFailure.SERVER_ERROR:
        raise SandboxError(500, "internal_error", "Injected server error.")
    if failure is InjectedFailure.UNAUTHORIZED:
        raise SandboxError(401, "invalid_token", "The access token was revoked.")
    if failure is InjectedFailure.RATE_LIMITED:
        raise SandboxError(429, "rate_limited", "Injected rate limit.", _retry_headers(network, 1))
    # Read by _hold_answers once the call has been applied.
    request.state.hang = failure is InjectedFailure.TIMEOUT_AFTER_ACCEPT
    return NetworkCall(network, account)


class _HoldAnswers:
    """A timeout-after-accept: the call is applied, then its answer is held past the client's patience.

    Plain ASGI rather than an http middleware: this sits on every call the benchmark makes.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def held(message: Message) -> None:
            if message["type"] == "http.response.start" and scope.get("state", {}).get("hang"):
                await asyncio.sleep(scope["app"].state.network.settings.hang_s)
            await send(message)

        await self.app(scope, receive, held)


def _retry_headers(network: SandboxNetwork, wait: int) -> dict[str, str]:
    return {"Retry-After": str(wait), "X-RateLimit-Limit": str(network.settings.rate_limit_requests)}


Call = Annotated[NetworkCall, Depends(_admit)]


def _live(call: NetworkCall, post_id: str) -> PostOut:
    post = call.network.live_post(call.account, post_id)
    if post is None:
        raise SandboxError(404, "not_found", "No such post.")
    return post_out(post)


def create_app(network: SandboxNetwork | None = None) -> FastAPI:
    app = FastAPI(title="Chorus sandbox network")
    app.state.network = network or SandboxNetwork()
    app.add_middleware(_HoldAnswers)
    app.include_router(control_router)

    @app.exception_handler(SandboxError)
    async def _render(_: Request, exc: SandboxError) -> JSONResponse:
        body = {"error": {"code": exc.code, "message": exc.message}}
        return JSONResponse(body, status_code=exc.status, headers=exc.headers)

    @app.post("/v1/accounts/{account}/posts", status_code=201)
    async def create_post(call: Call, body: PostIn) -> PostOut:
        if not body.text.strip() and not body.media:
            raise SandboxError(422, "empty_post", "A post needs text or media.")
        if len(body.text) > MAX_TEXT_LENGTH:
            raise SandboxError(422, "text_too_long", f"Text is longer than {MAX_TEXT_LENGTH} characters.")
        post = call.network.create_post(
            call.account,
            body.text,
            idempotency_key=body.idempotency_key,
            media_count=len(body.media),
            thread=body.thread,
        )
        return post_out(post)

    @app.get("/v1/accounts/{account}/posts")
    async def find_posts(call: Call, idempotency_key: str) -> dict[str, list[PostOut]]:
        found = call.network.find_by_key(call.account, idempotency_key)
        return {"data": [post_out(post) for post in found]}

    @app.delete("/v1/accounts/{account}/posts/{post_id}", status_code=204)
    async def delete_post(call: Call, post_id: str) -> Response:
        _live(call, post_id)
        call.network.posts[post_id].deleted = True
        return Response(status_code=204)

    @app.get("/v1/accounts/{account}/posts/{post_id}/metrics")
    async def metrics(call: Call, post_id: str) -> dict[str, dict[str, int]]:
        _live(call, post_id)
        given = {name: value for name, value in call.network.posts[post_id].metrics.items() if value is not None}
        return {"metrics": given}

    @app.get("/v1/accounts/{account}/posts/{post_id}/comments")
    async def comments(call: Call, post_id: str) -> dict[str, list[CommentOut]]:
        _live(call, post_id)
        return {"data": [comment_out(comment) for comment in call.network.posts[post_id].comments]}

    @app.post("/v1/accounts/{account}/posts/{post_id}/comments", status_code=201)
    async def comment(call: Call, post_id: str, body: CommentIn) -> CommentOut:
        _live(call, post_id)
        created = call.network.add_comment(call.network.posts[post_id], call.account, body.text, body.in_reply_to)
        return comment_out(created)

    return app


@dataclass(frozen=True)
class RunningSandbox:
    base_url: str
    network: SandboxNetwork


@asynccontextmanager
async def running_sandbox(settings: SandboxSettings | None = None, *, port: int = 0) -> AsyncIterator[RunningSandbox]:
    """The sandbox served on 127.0.0.1 in this event loop (port 0: an ephemeral one), stopped on exit."""
    network = SandboxNetwork(settings)
    config = uvicorn.Config(create_app(network), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    config.timeout_graceful_shutdown = 1
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()  # surfaces why the server could not start
        await asyncio.sleep(0.01)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield RunningSandbox(base_url=f"http://127.0.0.1:{bound}", network=network)
    finally:
        server.should_exit = True
        await task


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run the Chorus sandbox network.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--rate-limit", type=int, default=300, help="requests per account and window")
    parser.add_argument("--window-s", type=float, default=60.0)
    args = parser.parse_args(argv)
    settings = SandboxSettings(
        latency_s=args.latency_ms / 1000, rate_limit_requests=args.rate_limit, rate_limit_window_s=args.window_s
    )
    uvicorn.run(create_app(SandboxNetwork(settings)), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
