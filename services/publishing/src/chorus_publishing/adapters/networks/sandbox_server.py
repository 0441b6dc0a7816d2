"""The sandbox network's HTTP server: a local social network for demos, tests and benchmarks.

Run it with `python -m chorus_publishing.adapters.networks.sandbox_server --port 8099 --latency-ms 50`, or in
process with `running_sandbox()`. Network calls live under /v1 and behave like a real network's: latency, a
per-account rate limit (429 with Retry-After), and failures queued through /_control.

Two apps behind one socket: /v1 is the lean edge of sandbox_edge.py (plain ASGI, because it is the benchmark's hot
path), everything else the FastAPI app of the /_control endpoints and their docs.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI
from starlette.types import Receive, Scope, Send

from chorus_publishing.adapters.networks.sandbox_control import control_router
from chorus_publishing.adapters.networks.sandbox_edge import NetworkEdge
from chorus_publishing.adapters.networks.sandbox_state import SandboxNetwork, SandboxSettings


class SandboxApp:
    """The sandbox as one ASGI app: network calls (/v1) to the edge, the rest (lifespan included) to FastAPI."""

    def __init__(self, network: SandboxNetwork) -> None:
        self.network = network
        self.edge = NetworkEdge(network)
        self.control = FastAPI(title="Chorus sandbox network")
        self.control.state.network = network
        self.control.include_router(control_router)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (scope["path"] == "/v1" or scope["path"].startswith("/v1/")):
            await self.edge(scope, receive, send)
        else:
            await self.control(scope, receive, send)


def create_app(network: SandboxNetwork | None = None) -> SandboxApp:
    return SandboxApp(network or SandboxNetwork())


@dataclass(frozen=True)
class RunningSandbox:
    base_url: str
    network: SandboxNetwork


@asynccontextmanager
async def running_sandbox(settings: SandboxSettings | None = None, *, port: int = 0) -> AsyncIterator[RunningSandbox]:
    """The sandbox served on 127.0.0.1 in this event loop (port 0: an ephemeral one), stopped on exit."""
    network = SandboxNetwork(settings)
    app = create_app(network)
    # No proxy stands in front of a sandbox: uvicorn's X-Forwarded-* middleware would only cost every call.
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off", proxy_headers=False)
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
    app = create_app(SandboxNetwork(settings))
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", proxy_headers=False)  # no proxy in front


if __name__ == "__main__":
    main()
