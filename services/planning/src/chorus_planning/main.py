"""The planning service's HTTP application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from chorus_planning.api.brand_voice import router as brand_voice_router
from chorus_planning.api.brands import router as brands_router
from chorus_planning.api.campaigns import router as campaigns_router
from chorus_planning.api.content_items import router as calendar_router
from chorus_planning.api.crisis_incidents import router as crisis_incidents_router
from chorus_planning.api.crisis_playbooks import router as crisis_playbooks_router
from chorus_planning.api.objectives import router as objectives_router
from chorus_planning.api.roadmap_tasks import router as roadmap_tasks_router
from chorus_planning.api.routines import router as routines_router
from chorus_planning.api.strategy import routers as strategy_routers
from chorus_planning.settings import PlanningSettings
from chorus_shared.api.app import create_service_app
from chorus_shared.runtime.resources import readiness, service_resources


def create_app(settings: PlanningSettings | None = None) -> FastAPI:
    settings = settings or PlanningSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with service_resources(app, settings):
            yield

    return create_service_app(
        service="planning",
        routers=[
            brands_router,
            brand_voice_router,
            crisis_playbooks_router,
            crisis_incidents_router,
            objectives_router,
            campaigns_router,
            calendar_router,
            roadmap_tasks_router,
            routines_router,
            *strategy_routers,
        ],
        readiness=readiness,
        lifespan=lifespan,
    )
