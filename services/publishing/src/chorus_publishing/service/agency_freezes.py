"""Freezing every brand of an agency at once (a crisis that touches the agency itself), and lifting it."""

from __future__ import annotations

from datetime import UTC, datetime

from chorus_publishing.adapters.brand_freezes import BrandFreezeRepository
from chorus_publishing.adapters.brand_references import BrandReferenceRepository
from chorus_publishing.domain.brand_freeze import BrandFreeze, FreezeSource
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import Forbidden


async def freeze_agency(*, uow: UnitOfWork, principal: Principal, reason: str) -> list[BrandFreeze]:
    """Freeze every brand not frozen yet, in one transaction: the dispatcher sees all of them frozen or none."""
    require_permission(principal, Permission.PUBLISH_CONTENT)
    _ensure_whole_agency(principal)
    freezes = BrandFreezeRepository(uow.session)
    started: list[BrandFreeze] = []
    now = datetime.now(UTC)
    for brand_id in await BrandReferenceRepository(uow.session).all_ids():
        if await freezes.active(brand_id, for_update=True) is not None:
            continue  # already frozen (by a crisis or by hand): that freeze stays as it is
        freeze = BrandFreeze.start(
            tenant_id=principal.tenant_id,
            brand_id=brand_id,
            reason=reason,
            source=FreezeSource.AGENCY,
            by=principal.subject,
            now=now,
        )
        await freezes.add(freeze)
        _record(uow, freeze)
        started.append(freeze)
    return started


async def resume_agency(*, uow: UnitOfWork, principal: Principal) -> list[BrandFreeze]:
    """Lift the freezes the agency-wide freeze made; freezes from a brand's own crisis stay until resumed one by one."""
    require_permission(principal, Permission.MANAGE_STRATEGY)
    _ensure_whole_agency(principal)
    freezes = BrandFreezeRepository(uow.session)
    lifted: list[BrandFreeze] = []
    now = datetime.now(UTC)
    for brand_id in await BrandReferenceRepository(uow.session).all_ids(include_archived=True):
        freeze = await freezes.active(brand_id, for_update=True)
        if freeze is None or freeze.source != FreezeSource.AGENCY:
            continue
        freeze.lift(by=principal.subject, now=now)
        await freezes.save(freeze)
        _record(uow, freeze)
        lifted.append(freeze)
    return lifted


def _ensure_whole_agency(principal: Principal) -> None:
    if not principal.sees_all_brands:
        raise Forbidden("Only members who see every brand of the agency can freeze or resume all of them.")


def _record(uow: UnitOfWork, freeze: BrandFreeze) -> None:
    uow.emit_all((event, freeze.brand_id) for event in freeze.events)
    freeze.events.clear()
