"""Per-request context: correlation id and trace context in, echoed back, and request metrics recorded."""

from __future__ import annotations

import time
import uuid
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from prometheus_client import Counter, Histogram

from chorus_shared.observability.context import child_traceparent, correlation_id, traceparent, valid_traceparent

REQUESTS = Counter("chorus_http_requests_total", "HTTP requests", ["service", "method", "route", "status"])
LATENCY = Histogram("chorus_http_request_seconds", "HTTP request latency", ["service", "method", "route"])

CORRELATION_HEADER = "X-Correlation-ID"


def request_context(service: str) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    async def middleware(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        cid = request.headers.get(CORRELATION_HEADER) or str(uuid.uuid4())
        cid_token = correlation_id.set(cid[:128])
        tp_token = traceparent.set(child_traceparent(valid_traceparent(request.headers.get("traceparent"))))
        started = time.perf_counter()
        status = 500
        try:
            response = await call_next(request)
            status = response.status_code
            response.headers[CORRELATION_HEADER] = cid[:128]
            return response
        finally:
            route = getattr(request.scope.get("route"), "path", "unmatched")
            REQUESTS.labels(service, request.method, route, str(status)).inc()
            LATENCY.labels(service, request.method, route).observe(time.perf_counter() - started)
            correlation_id.reset(cid_token)
            traceparent.reset(tp_token)

    return middleware
