"""Keeps publishing's brand references in step with planning's brand events, and reads them."""

from __future__ import annotations

import uuid

from chorus_publishing.adapters.brand_references import BrandReferenceRepository
from chorus_publishing.domain.brand_reference import BrandReference
from chorus_publishing.domain.errors import BrandNotKnown
from chorus_shared.auth import Principal
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.planning import (
    BrandArchivedV1,
    BrandCreatedV1,
    BrandRenamedV1,
    BrandUpdatedV1,
)
from chorus_shared.messaging.envelope import CloudEvent

BRAND_EVENTS = frozenset(
    {BrandCreatedV1.event_type, BrandUpdatedV1.event_type, BrandRenamedV1.event_type, BrandArchivedV1.event_type}
)


async def on_brand_event(uow: UnitOfWork, event: CloudEvent) -> None:
    """Apply one of planning's brand events. Events of one brand arrive in order (key = brand id)."""
    if event.type not in BRAND_EVENTS:
        return  # planning publishes more than brands; publishing ignores the rest
    repository = BrandReferenceRepository(uow.session)
    tenant_id = uuid.UUID(event.tenantid)
    if event.type in (BrandCreatedV1.event_type, BrandUpdatedV1.event_type):
        snapshot = BrandCreatedV1.model_validate(event.data)
        await repository.upsert(
            BrandReference(
                brand_id=snapshot.brand_id,
                tenant_id=tenant_id,
                name=snapshot.name,
                timezone=snapshot.timezone,
                languages=snapshot.languages,
                archived=snapshot.archived,
                synced_at=event.time,
            )
        )
        return
    brand_id = uuid.UUID(str(event.data.get("brand_id")))
    known = await repository.get(brand_id)
    if known is None:
        # A change to a brand we never saw created: nothing to update; the snapshot events will bring it.
        return
    if event.type == BrandRenamedV1.event_type:
        known.name = BrandRenamedV1.model_validate(event.data).name
    else:
        known.archived = True
    known.synced_at = event.time
    await repository.upsert(known)


async def get_brand_reference(*, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID) -> BrandReference:
    found = await BrandReferenceRepository(uow.session).get(brand_id) if principal.can_see_brand(brand_id) else None
    if found is None:
        raise BrandNotKnown(f"Publishing does not know brand {brand_id}.")
    return found


async def list_brand_references(
    *, uow: UnitOfWork, principal: Principal, brand_ids: list[uuid.UUID]
) -> list[BrandReference]:
    visible = principal.visible_brands(brand_ids)
    return await BrandReferenceRepository(uow.session).get_many(visible) if visible else []
