"""Freezing and resuming a brand's publishing, by hand or because of a crisis event."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from chorus_publishing.adapters.brand_freezes import BrandFreezeRepository
from chorus_publishing.adapters.brand_references import BrandReferenceRepository
from chorus_publishing.domain.brand_freeze import BrandFreeze, FreezeSource
from chorus_publishing.domain.errors import BrandAlreadyFrozen, BrandNotFrozen, BrandNotKnown
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.envelope import CloudEvent


async def current_freeze(*, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID) -> BrandFreeze | None:
    """The brand's active freeze, or None when it publishes normally."""
    require_permission(principal, Permission.READ)
    _ensure_in_scope(principal, brand_id)
    return await BrandFreezeRepository(uow.session).active(brand_id)


async def freeze_brand(*, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, reason: str) -> BrandFreeze:
    # Whoever may publish may also stop publishing: in a crisis the community manager is often first to see it.
    require_permission(principal, Permission.PUBLISH_CONTENT)
    _ensure_in_scope(principal, brand_id)
    if await BrandReferenceRepository(uow.session).get(brand_id) is None:
        raise BrandNotKnown(f"Publishing does not know brand {brand_id}.")
    freezes = BrandFreezeRepository(uow.session)
    if await freezes.active(brand_id, for_update=True) is not None:
        raise BrandAlreadyFrozen("The brand's publishing is already frozen.")
    freeze = BrandFreeze.start(
        tenant_id=principal.tenant_id,
        brand_id=brand_id,
        reason=reason,
        source=FreezeSource.MANUAL,
        by=principal.subject,
        now=datetime.now(UTC),
    )
    await freezes.add(freeze)
    _record(uow, freeze)
    return freeze


async def resume_brand(*, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID) -> BrandFreeze:
    # Deciding the crisis is over enough to publish again is a strategic call.
    require_permission(principal, Permission.MANAGE_STRATEGY)
    _ensure_in_scope(principal, brand_id)
    freezes = BrandFreezeRepository(uow.session)
    freeze = await freezes.active(brand_id, for_update=True)
    if freeze is None:
        raise BrandNotFrozen("The brand's publishing is not frozen.")
    freeze.lift(by=principal.subject, now=datetime.now(UTC))
    await freezes.save(freeze)
    _record(uow, freeze)
    return freeze


async def freeze_for_event(
    uow: UnitOfWork, event: CloudEvent, *, brand_id: uuid.UUID, reason: str, source: FreezeSource
) -> BrandFreeze | None:
    """Freeze the brand because of `event`, unless it is frozen already or this event froze it once before."""
    freezes = BrandFreezeRepository(uow.session)
    if await freezes.active(brand_id, for_update=True) is not None:
        return None
    if await freezes.caused_by(event.id) is not None:
        return None  # a person resumed after this very event froze the brand: do not undo their decision
    freeze = BrandFreeze.start(
        tenant_id=uuid.UUID(event.tenantid),
        brand_id=brand_id,
        reason=reason,
        source=source,
        by=event.source,
        now=datetime.now(UTC),
        source_event_id=event.id,
    )
    await freezes.add(freeze)
    _record(uow, freeze)
    return freeze


def _ensure_in_scope(principal: Principal, brand_id: uuid.UUID) -> None:
    if not principal.can_see_brand(brand_id):
        raise BrandNotKnown(f"Publishing does not know brand {brand_id}.")


def _record(uow: UnitOfWork, freeze: BrandFreeze) -> None:
    uow.emit_all((event, freeze.brand_id) for event in freeze.events)
    freeze.events.clear()
