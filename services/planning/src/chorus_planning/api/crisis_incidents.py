"""Crisis incident routes."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from chorus_planning.api.crisis_incident_schemas import (
    CloseBody,
    CrisisIncidentOpen,
    CrisisIncidentPage,
    CrisisIncidentRead,
    EscalationBody,
    NoteBody,
    StatementUse,
)
from chorus_planning.api.dependencies import RequestUnitOfWork
from chorus_planning.service import crisis_incidents
from chorus_shared.auth import CurrentPrincipal

router = APIRouter(tags=["crisis incidents"])
_INCIDENT = "/crisis-incidents/{incident_id}"


@router.post("/brands/{brand_id}/crisis-incidents", status_code=status.HTTP_201_CREATED)
async def open_incident(
    brand_id: uuid.UUID, body: CrisisIncidentOpen, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> CrisisIncidentRead:
    incident = await crisis_incidents.open_incident(
        uow=uow,
        principal=principal,
        brand_id=brand_id,
        severity=body.severity,
        reason=body.reason,
        playbook_id=body.playbook_id,
    )
    await uow.commit()
    return CrisisIncidentRead.of(incident)


@router.get("/brands/{brand_id}/crisis-incidents")
async def list_incidents(
    brand_id: uuid.UUID,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    after: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    open_only: bool = False,
) -> CrisisIncidentPage:
    found = await crisis_incidents.list_incidents(
        uow=uow, principal=principal, brand_id=brand_id, open_only=open_only, after=after, limit=limit + 1
    )
    page = found[:limit]
    return CrisisIncidentPage(
        items=[CrisisIncidentRead.of(i) for i in page], next_after=page[-1].id if len(found) > limit else None
    )


@router.get(_INCIDENT)
async def get_incident(
    incident_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> CrisisIncidentRead:
    return CrisisIncidentRead.of(
        await crisis_incidents.get_incident(uow=uow, principal=principal, incident_id=incident_id)
    )


@router.post(_INCIDENT + "/steps/{position}/complete")
async def complete_step(
    incident_id: uuid.UUID, position: int, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> CrisisIncidentRead:
    incident = await crisis_incidents.complete_step(
        uow=uow, principal=principal, incident_id=incident_id, position=position
    )
    await uow.commit()
    return CrisisIncidentRead.of(incident)


@router.post(_INCIDENT + "/statements-used")
async def use_statement(
    incident_id: uuid.UUID, body: StatementUse, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> CrisisIncidentRead:
    incident = await crisis_incidents.use_statement(
        uow=uow, principal=principal, incident_id=incident_id, title=body.title, language=body.language
    )
    await uow.commit()
    return CrisisIncidentRead.of(incident)


@router.post(_INCIDENT + "/notes")
async def add_note(
    incident_id: uuid.UUID, body: NoteBody, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> CrisisIncidentRead:
    incident = await crisis_incidents.add_note(uow=uow, principal=principal, incident_id=incident_id, text=body.text)
    await uow.commit()
    return CrisisIncidentRead.of(incident)


@router.post(_INCIDENT + "/escalations")
async def escalate(
    incident_id: uuid.UUID, body: EscalationBody, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> CrisisIncidentRead:
    incident = await crisis_incidents.escalate(
        uow=uow, principal=principal, incident_id=incident_id, reason=body.reason, severity=body.severity
    )
    await uow.commit()
    return CrisisIncidentRead.of(incident)


@router.post(_INCIDENT + "/close")
async def close_incident(
    incident_id: uuid.UUID, body: CloseBody, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> CrisisIncidentRead:
    incident = await crisis_incidents.close_incident(
        uow=uow, principal=principal, incident_id=incident_id, post_mortem=body.to_domain()
    )
    await uow.commit()
    return CrisisIncidentRead.of(incident)
