"""Crisis playbook use cases: write (social media managers and above), read (analysts and above), archive."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from chorus_planning.adapters.crisis_playbooks import CrisisPlaybookRepository
from chorus_planning.domain.crisis_playbook import CrisisPlaybook, PlaybookContent
from chorus_planning.domain.errors import CrisisPlaybookNotFound
from chorus_planning.service.crisis_access import brand_in_scope, require_crisis_reader
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork


async def create_playbook(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, content: PlaybookContent
) -> CrisisPlaybook:
    # Crisis plans are strategy: social media managers and above write them.
    require_permission(principal, Permission.MANAGE_STRATEGY)
    brand = await brand_in_scope(uow, principal, brand_id, active=True)
    playbook = CrisisPlaybook.create(
        tenant_id=principal.tenant_id, brand_id=brand.id, content=content, brand_languages=brand.languages
    )
    await CrisisPlaybookRepository(uow.session).add(playbook)
    _record(uow, playbook)
    return playbook


async def get_playbook(*, uow: UnitOfWork, principal: Principal, playbook_id: uuid.UUID) -> CrisisPlaybook:
    require_crisis_reader(principal)
    return await _load(uow, principal, playbook_id, for_update=False)


async def list_playbooks(
    *,
    uow: UnitOfWork,
    principal: Principal,
    brand_id: uuid.UUID,
    include_archived: bool,
    after: uuid.UUID | None,
    limit: int,
) -> list[CrisisPlaybook]:
    require_crisis_reader(principal)
    await brand_in_scope(uow, principal, brand_id, active=False)
    return await CrisisPlaybookRepository(uow.session).list_for_brand(
        brand_id, include_archived=include_archived, after=after, limit=limit
    )


async def revise_playbook(
    *, uow: UnitOfWork, principal: Principal, playbook_id: uuid.UUID, changes: dict[str, Any]
) -> CrisisPlaybook:
    """Apply `changes` (PlaybookContent field names; absent fields keep their value) and check the whole again."""
    require_permission(principal, Permission.MANAGE_STRATEGY)
    playbook = await _load(uow, principal, playbook_id, for_update=True)
    brand = await brand_in_scope(uow, principal, playbook.brand_id, active=True)
    playbook.revise(replace(playbook.content, **changes), brand.languages)
    await CrisisPlaybookRepository(uow.session).save(playbook)
    _record(uow, playbook)
    return playbook


async def archive_playbook(*, uow: UnitOfWork, principal: Principal, playbook_id: uuid.UUID) -> CrisisPlaybook:
    require_permission(principal, Permission.MANAGE_STRATEGY)
    playbook = await _load(uow, principal, playbook_id, for_update=True)
    playbook.archive()
    await CrisisPlaybookRepository(uow.session).save(playbook)
    _record(uow, playbook)
    return playbook


async def _load(uow: UnitOfWork, principal: Principal, playbook_id: uuid.UUID, *, for_update: bool) -> CrisisPlaybook:
    playbook = await CrisisPlaybookRepository(uow.session).get(playbook_id, for_update=for_update)
    # A playbook of a brand outside the caller's scope answers exactly like a missing one.
    if playbook is None or not principal.can_see_brand(playbook.brand_id):
        raise CrisisPlaybookNotFound(f"No crisis playbook {playbook_id}.")
    return playbook


def _record(uow: UnitOfWork, playbook: CrisisPlaybook) -> None:
    uow.emit_all((event, playbook.id) for event in playbook.events)
    playbook.events.clear()
