"""The publishing service's HTTP application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from chorus_publishing.api.agency_freezes import router as agency_freezes_router
from chorus_publishing.api.brand_freezes import router as brand_freezes_router
from chorus_publishing.api.brand_rules import router as brand_rules_router
from chorus_publishing.api.brands import router as brands_router
from chorus_publishing.api.channels import router as channels_router
from chorus_publishing.api.media import router as media_router
from chorus_publishing.api.post_bulk import router as post_bulk_router
from chorus_publishing.api.post_metrics import router as post_metrics_router
from chorus_publishing.api.post_threads import router as post_threads_router
from chorus_publishing.api.posts import router as posts_router
from chorus_publishing.api.public_media import router as public_media_router
from chorus_publishing.api.publications import router as publications_router
from chorus_publishing.api.time_slots import router as time_slots_router
from chorus_publishing.settings import PublishingSettings
from chorus_shared.api.app import create_service_app
from chorus_shared.runtime.resources import readiness, service_resources


def create_app(settings: PublishingSettings | None = None) -> FastAPI:
    settings = settings or PublishingSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with service_resources(app, settings):
            yield

    return create_service_app(
        service="publishing",
        routers=[
            brands_router,
            brand_freezes_router,
            agency_freezes_router,
            channels_router,
            post_bulk_router,
            posts_router,
            post_threads_router,
            media_router,
            public_media_router,
            brand_rules_router,
            time_slots_router,
            publications_router,
            post_metrics_router,
        ],
        readiness=readiness,
        lifespan=lifespan,
    )
