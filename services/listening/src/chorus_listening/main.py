"""The listening service's HTTP application (health, readiness and metrics until its API arrives)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from chorus_listening.settings import ListeningSettings
from chorus_shared.api.app import create_service_app
from chorus_shared.runtime.resources import readiness, service_resources


def create_app(settings: ListeningSettings | None = None) -> FastAPI:
    settings = settings or ListeningSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with service_resources(app, settings):
            yield

    return create_service_app(service="listening", readiness=readiness, lifespan=lifespan)
