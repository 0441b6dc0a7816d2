"""What every fake network shares: a real HTTP server on an ephemeral local port, and failures on request."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

# How long a connector under test waits, and how long a fault that must read as "no answer" holds its reply.
# Connecting and writing get plenty of time: on a loaded two-core CI machine a local connect can take over half a
# second, and a connect that fails is a different error class (transient) from the one such tests look for.
CONNECTOR_PATIENCE = httpx.Timeout(10.0, read=2.0)
OUTLASTS_PATIENCE = 4.0


@dataclass
class Fault:
    method: str
    path: str  # a prefix of the request path
    status: int
    body: Any
    headers: dict[str, str]
    delay: float  # seconds to wait before answering: longer than the client's timeout means no answer


@dataclass
class Faults:
    """Answers queued by a test: each is used once, by the first matching request."""

    pending: list[Fault] = field(default_factory=list)

    def add(
        self,
        method: str,
        path: str,
        *,
        status: int = 500,
        body: Any = None,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
    ) -> None:
        self.pending.append(Fault(method.upper(), path, status, body, headers or {}, delay))

    def take(self, method: str, path: str) -> Fault | None:
        for fault in self.pending:
            if fault.method == method and path.startswith(fault.path):
                self.pending.remove(fault)
                return fault
        return None


@dataclass(frozen=True)
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str]


def install_faults(app: FastAPI, faults: Faults, seen: list[SeenRequest]) -> None:
    """Record every request, and answer with a queued fault instead of the route when one matches."""

    @app.middleware("http")
    async def inject(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        seen.append(SeenRequest(request.method, request.url.path, dict(request.headers)))
        fault = faults.take(request.method, request.url.path)
        if fault is None:
            return await call_next(request)
        await asyncio.sleep(fault.delay)
        return JSONResponse(fault.body, status_code=fault.status, headers=fault.headers)


@asynccontextmanager
async def serve(app: FastAPI) -> AsyncIterator[str]:
    """Serve `app` with uvicorn on 127.0.0.1 and an ephemeral port; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_config=None, access_log=False, lifespan="off", timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.005)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
        sock.close()
