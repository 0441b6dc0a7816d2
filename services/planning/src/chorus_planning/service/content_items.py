"""Editorial calendar use cases: plan, change, move and hand over content items.

Social media managers plan (what, why, who, where, when, format); community managers and above move an item through
production and hand it over to publishing; everyone who may read the brand reads its items.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, fields, replace
from datetime import datetime

from chorus_planning.adapters.content_items import ContentItemRepository
from chorus_planning.domain.brand import Brand
from chorus_planning.domain.content_item import ContentFormat, ContentItem, ContentPlan, ContentStatus
from chorus_planning.domain.errors import ContentItemNotFound
from chorus_planning.domain.local_time import NonexistentLocalTime, planned_instant
from chorus_planning.domain.networks import Network
from chorus_planning.service.brand_access import active_brand, visible_brand
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import FieldError, ValidationFailed


@dataclass
class ContentItemInput:
    """What the caller sent. `planned_local` is a wall-clock time in the brand's timezone (no offset).

    `given` names the fields an update sends; None means every field (a creation).
    """

    title: str = ""
    brief: str = ""
    objective_id: uuid.UUID | None = None
    campaign_id: uuid.UUID | None = None
    assignee_id: uuid.UUID | None = None
    channels: list[Network] = field(default_factory=list)
    format: ContentFormat = ContentFormat.TEXT
    planned_local: datetime | None = None
    given: frozenset[str] | None = None


async def create_content_item(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, data: ContentItemInput
) -> ContentItem:
    require_permission(principal, Permission.MANAGE_STRATEGY)
    brand = await active_brand(uow, principal, brand_id)
    plan = _merged(ContentPlan(title=""), replace(data, given=None), brand)
    item = ContentItem.create(tenant_id=principal.tenant_id, brand_id=brand.id, plan=plan, timezone=brand.timezone)
    await ContentItemRepository(uow.session).add(item)
    _record(uow, item)
    return item


async def update_content_item(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, item_id: uuid.UUID, data: ContentItemInput
) -> ContentItem:
    require_permission(principal, Permission.MANAGE_STRATEGY)
    brand = await active_brand(uow, principal, brand_id)
    item = await _load(uow, brand, item_id, for_update=True)
    item.replan(_merged(item.plan, data, brand), timezone=brand.timezone)
    return await _save(uow, item)


async def move_content_item(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, item_id: uuid.UUID, status: ContentStatus
) -> ContentItem:
    # Production status is the community manager's to update, as well as the planner's.
    require_permission(principal, Permission.PUBLISH_CONTENT)
    brand = await active_brand(uow, principal, brand_id)
    item = await _load(uow, brand, item_id, for_update=True)
    item.move_to(status)
    return await _save(uow, item)


async def hand_over_content_item(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, item_id: uuid.UUID
) -> ContentItem:
    require_permission(principal, Permission.PUBLISH_CONTENT)
    brand = await active_brand(uow, principal, brand_id)
    item = await _load(uow, brand, item_id, for_update=True)
    item.hand_over(by=principal.subject)
    return await _save(uow, item)


async def get_content_item(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, item_id: uuid.UUID
) -> ContentItem:
    require_permission(principal, Permission.READ)
    return await _load(uow, await visible_brand(uow, principal, brand_id), item_id)


async def list_content_items(
    *,
    uow: UnitOfWork,
    principal: Principal,
    brand_id: uuid.UUID,
    status: ContentStatus | None,
    after: uuid.UUID | None,
    limit: int,
) -> list[ContentItem]:
    require_permission(principal, Permission.READ)
    brand = await visible_brand(uow, principal, brand_id)
    return await ContentItemRepository(uow.session).list_for_brand(
        brand_id=brand.id, status=status, after=after, limit=limit
    )


async def _load(uow: UnitOfWork, brand: Brand, item_id: uuid.UUID, *, for_update: bool = False) -> ContentItem:
    item = await ContentItemRepository(uow.session).get(item_id, for_update=for_update)
    if item is None or item.brand_id != brand.id:
        raise ContentItemNotFound(f"No content item {item_id} in brand {brand.id}.")
    return item


async def _save(uow: UnitOfWork, item: ContentItem) -> ContentItem:
    await ContentItemRepository(uow.session).save(item)
    _record(uow, item)
    return item


def _merged(current: ContentPlan, data: ContentItemInput, brand: Brand) -> ContentPlan:
    given = data.given if data.given is not None else frozenset(f.name for f in fields(ContentItemInput))
    plan = replace(
        current,
        **{name: getattr(data, name) for name in given if name in {f.name for f in fields(ContentPlan)}},
    )
    if "planned_local" in given:
        plan = replace(plan, planned_at=_instant(data.planned_local, brand))
    return plan


def _instant(local: datetime | None, brand: Brand) -> datetime | None:
    if local is None:
        return None
    if local.tzinfo is not None:
        raise ValidationFailed(
            "The planned time is local to the brand.",
            field_errors=[
                FieldError(
                    "planned_local",
                    f"Give the wall-clock time in {brand.timezone} without an offset, e.g. 2026-03-29T10:00.",
                    "local_time_expected",
                )
            ],
        )
    try:
        return planned_instant(local, brand.zone)
    except NonexistentLocalTime as skipped:
        raise ValidationFailed(
            "The planned time does not exist in the brand's timezone.",
            field_errors=[
                FieldError("planned_local", f"{skipped} Plan it at or after the change.", "nonexistent_local_time")
            ],
        ) from skipped


def _record(uow: UnitOfWork, item: ContentItem) -> None:
    uow.emit_all((event, item.id) for event in item.events)
    item.events.clear()
