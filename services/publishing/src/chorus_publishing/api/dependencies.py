"""Request dependencies: the request's unit of work, scoped to the caller's tenant."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request

from chorus_publishing.adapters.orm import outbox
from chorus_shared.auth import CurrentPrincipal
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.observability.context import traceparent

SOURCE = "chorus.publishing"


async def _unit_of_work(request: Request, principal: CurrentPrincipal) -> AsyncIterator[UnitOfWork]:
    async with UnitOfWork(
        request.app.state.sessions,
        outbox=outbox,
        source=SOURCE,
        tenant_id=principal.tenant_id,
        traceparent=traceparent.get(),
    ) as uow:
        yield uow


RequestUnitOfWork = Annotated[UnitOfWork, Depends(_unit_of_work)]
