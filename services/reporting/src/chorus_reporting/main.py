"""The reporting service's HTTP application (health, readiness and metrics until its API arrives)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from chorus_reporting.settings import ReportingSettings
from chorus_shared.api.app import create_service_app
from chorus_shared.runtime.resources import readiness, service_resources


def create_app(settings: ReportingSettings | None = None) -> FastAPI:
    settings = settings or ReportingSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with service_resources(app, settings):
            yield

    return create_service_app(service="reporting", readiness=readiness, lifespan=lifespan)
