"""The FastAPI app every service starts from: errors, health, metrics, request context.

`readiness` builds the /readyz checks from the app, so they can reach what the lifespan puts on `app.state`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager

from fastapi import APIRouter, FastAPI

from chorus_shared.api.errors import install_error_handlers
from chorus_shared.api.health import ReadinessCheck, health_router
from chorus_shared.api.middleware import request_context

Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]


def create_service_app(
    *,
    service: str,
    routers: Sequence[APIRouter] = (),
    readiness: Callable[[FastAPI], Mapping[str, ReadinessCheck]] | None = None,
    lifespan: Lifespan | None = None,
    version: str = "0.1.0",
) -> FastAPI:
    app = FastAPI(title=f"Chorus {service}", version=version, lifespan=lifespan)
    install_error_handlers(app)
    app.middleware("http")(request_context(service))
    app.include_router(health_router(readiness(app) if readiness else {}))
    for router in routers:
        app.include_router(router)
    return app
