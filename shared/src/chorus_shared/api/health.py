"""Liveness, readiness (database and bus) and Prometheus metrics endpoints."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

ReadinessCheck = Callable[[], Awaitable[None]]


def health_router(checks: Mapping[str, ReadinessCheck], *, timeout: float = 2.0) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz")
    async def readyz() -> JSONResponse:
        results: dict[str, str] = {}
        for name, check in checks.items():
            try:
                await asyncio.wait_for(check(), timeout)
                results[name] = "ok"
            except Exception as exc:  # noqa: BLE001 - any failure means "not ready", reported by name
                results[name] = f"failing: {type(exc).__name__}"
        ready = all(value == "ok" for value in results.values())
        return JSONResponse({"status": "ready" if ready else "not_ready", "checks": results}, 200 if ready else 503)

    @router.get("/metrics")
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return router
