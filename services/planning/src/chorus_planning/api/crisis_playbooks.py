"""Crisis playbook routes."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from chorus_planning.api.crisis_playbook_schemas import (
    CrisisPlaybookCreate,
    CrisisPlaybookPage,
    CrisisPlaybookRead,
    CrisisPlaybookUpdate,
)
from chorus_planning.api.dependencies import RequestUnitOfWork
from chorus_planning.service import crisis_playbooks
from chorus_shared.auth import CurrentPrincipal

router = APIRouter(tags=["crisis playbooks"])


@router.post("/brands/{brand_id}/crisis-playbooks", status_code=status.HTTP_201_CREATED)
async def create_playbook(
    brand_id: uuid.UUID, body: CrisisPlaybookCreate, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> CrisisPlaybookRead:
    playbook = await crisis_playbooks.create_playbook(
        uow=uow, principal=principal, brand_id=brand_id, content=body.to_domain()
    )
    await uow.commit()
    return CrisisPlaybookRead.of(playbook)


@router.get("/brands/{brand_id}/crisis-playbooks")
async def list_playbooks(
    brand_id: uuid.UUID,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    after: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    include_archived: bool = False,
) -> CrisisPlaybookPage:
    found = await crisis_playbooks.list_playbooks(
        uow=uow,
        principal=principal,
        brand_id=brand_id,
        include_archived=include_archived,
        after=after,
        limit=limit + 1,
    )
    page = found[:limit]
    return CrisisPlaybookPage(
        items=[CrisisPlaybookRead.of(p) for p in page], next_after=page[-1].id if len(found) > limit else None
    )


@router.get("/crisis-playbooks/{playbook_id}")
async def get_playbook(
    playbook_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> CrisisPlaybookRead:
    return CrisisPlaybookRead.of(
        await crisis_playbooks.get_playbook(uow=uow, principal=principal, playbook_id=playbook_id)
    )


@router.patch("/crisis-playbooks/{playbook_id}")
async def revise_playbook(
    playbook_id: uuid.UUID, body: CrisisPlaybookUpdate, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> CrisisPlaybookRead:
    playbook = await crisis_playbooks.revise_playbook(
        uow=uow, principal=principal, playbook_id=playbook_id, changes=body.changes()
    )
    await uow.commit()
    return CrisisPlaybookRead.of(playbook)


@router.post("/crisis-playbooks/{playbook_id}/archive")
async def archive_playbook(
    playbook_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> CrisisPlaybookRead:
    playbook = await crisis_playbooks.archive_playbook(uow=uow, principal=principal, playbook_id=playbook_id)
    await uow.commit()
    return CrisisPlaybookRead.of(playbook)
