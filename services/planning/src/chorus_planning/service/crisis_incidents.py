"""Crisis incident use cases: open by hand, work the checklist and timeline, escalate, close with a post-mortem."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from chorus_planning.adapters.crisis_incidents import CrisisIncidentRepository
from chorus_planning.adapters.crisis_playbooks import CrisisPlaybookRepository
from chorus_planning.domain.crisis_incident import CrisisIncident
from chorus_planning.domain.crisis_incident_parts import PostMortem
from chorus_planning.domain.crisis_playbook import CrisisPlaybook, best_playbook_for
from chorus_planning.domain.errors import CrisisIncidentAlreadyOpen, CrisisIncidentNotFound
from chorus_planning.service.crisis_access import brand_in_scope, require_crisis_reader
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import FieldError, ValidationFailed
from chorus_shared.messaging.contracts.listening import CrisisSeverity


async def open_incident(
    *,
    uow: UnitOfWork,
    principal: Principal,
    brand_id: uuid.UUID,
    severity: CrisisSeverity,
    reason: str,
    playbook_id: uuid.UUID | None,
) -> CrisisIncident:
    # Community managers are on the front line: they may open an incident as soon as they see one.
    require_permission(principal, Permission.ENGAGE_COMMUNITY)
    brand = await brand_in_scope(uow, principal, brand_id, active=False)
    incidents = CrisisIncidentRepository(uow.session)
    if await incidents.open_for_brand(brand.id) is not None:
        raise CrisisIncidentAlreadyOpen("This brand already has an open crisis incident; add to its timeline.")
    playbook = await _chosen_playbook(uow, brand.id, playbook_id, severity)
    incident = CrisisIncident.open(
        tenant_id=principal.tenant_id,
        brand_id=brand.id,
        playbook=playbook,
        severity=severity,
        reason=reason,
        by=principal.subject,
        now=_now(),
    )
    await incidents.add(incident)
    record(uow, incident)
    return incident


async def get_incident(*, uow: UnitOfWork, principal: Principal, incident_id: uuid.UUID) -> CrisisIncident:
    require_crisis_reader(principal)
    return await _load(uow, principal, incident_id, for_update=False)


async def list_incidents(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, open_only: bool, after: uuid.UUID | None, limit: int
) -> list[CrisisIncident]:
    require_crisis_reader(principal)
    await brand_in_scope(uow, principal, brand_id, active=False)
    return await CrisisIncidentRepository(uow.session).list_for_brand(
        brand_id, open_only=open_only, after=after, limit=limit
    )


async def complete_step(
    *, uow: UnitOfWork, principal: Principal, incident_id: uuid.UUID, position: int
) -> CrisisIncident:
    require_permission(principal, Permission.ENGAGE_COMMUNITY)
    incident = await _load(uow, principal, incident_id, for_update=True)
    incident.complete_step(position, by=principal.subject, now=_now())
    return await _save(uow, incident)


async def use_statement(
    *, uow: UnitOfWork, principal: Principal, incident_id: uuid.UUID, title: str, language: str
) -> CrisisIncident:
    require_permission(principal, Permission.ENGAGE_COMMUNITY)
    incident = await _load(uow, principal, incident_id, for_update=True)
    incident.use_statement(title=title, language=language, by=principal.subject, now=_now())
    return await _save(uow, incident)


async def add_note(*, uow: UnitOfWork, principal: Principal, incident_id: uuid.UUID, text: str) -> CrisisIncident:
    require_permission(principal, Permission.ENGAGE_COMMUNITY)
    incident = await _load(uow, principal, incident_id, for_update=True)
    incident.add_note(text, by=principal.subject, now=_now())
    return await _save(uow, incident)


async def escalate(
    *, uow: UnitOfWork, principal: Principal, incident_id: uuid.UUID, reason: str, severity: CrisisSeverity | None
) -> CrisisIncident:
    require_permission(principal, Permission.ENGAGE_COMMUNITY)
    incident = await _load(uow, principal, incident_id, for_update=True)
    incident.escalate(reason=reason, severity=severity, by=principal.subject, now=_now())
    return await _save(uow, incident)


async def close_incident(
    *, uow: UnitOfWork, principal: Principal, incident_id: uuid.UUID, post_mortem: PostMortem | None
) -> CrisisIncident:
    # The post-mortem is analysis of the strategy: social media managers and above close incidents.
    require_permission(principal, Permission.MANAGE_STRATEGY)
    incident = await _load(uow, principal, incident_id, for_update=True)
    incident.close(post_mortem, by=principal.subject, now=_now())
    return await _save(uow, incident)


def record(uow: UnitOfWork, incident: CrisisIncident) -> None:
    uow.emit_all((event, incident.id) for event in incident.events)
    incident.events.clear()


async def _chosen_playbook(
    uow: UnitOfWork, brand_id: uuid.UUID, playbook_id: uuid.UUID | None, severity: CrisisSeverity
) -> CrisisPlaybook | None:
    playbooks = CrisisPlaybookRepository(uow.session)
    if playbook_id is None:
        candidates = await playbooks.active_oldest_first(brand_id)
        return best_playbook_for(candidates, severity=severity, mention_volume=0, negative_share=0.0, text="")
    playbook = await playbooks.get(playbook_id)
    if playbook is None or playbook.brand_id != brand_id or playbook.archived:
        field = FieldError("playbook_id", "No active crisis playbook of this brand has this id.", "not_found")
        raise ValidationFailed("The crisis incident is not valid.", field_errors=[field])
    return playbook


async def _load(uow: UnitOfWork, principal: Principal, incident_id: uuid.UUID, *, for_update: bool) -> CrisisIncident:
    incident = await CrisisIncidentRepository(uow.session).get(incident_id, for_update=for_update)
    if incident is None or not principal.can_see_brand(incident.brand_id):
        raise CrisisIncidentNotFound(f"No crisis incident {incident_id}.")
    return incident


async def _save(uow: UnitOfWork, incident: CrisisIncident) -> CrisisIncident:
    await CrisisIncidentRepository(uow.session).save(incident)
    record(uow, incident)
    return incident


def _now() -> datetime:
    return datetime.now(UTC)
