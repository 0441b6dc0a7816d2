"""Use cases shared by every strategy item of a brand: create, read, list, revise, delete.

Writing strategy needs MANAGE_STRATEGY (social media managers and above) on an active brand in scope. Reading it
is for agency staff from analyst up: client users see their brand's calendar, campaigns and approvals, not the
agency's research, channel reasoning or partnership terms.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic

from sqlalchemy import ColumnElement

from chorus_planning.adapters.strategy_items import BrandOwnedRepository, Codec, Item
from chorus_planning.domain.brand import Brand
from chorus_planning.service.brands import get_brand, load_brand_for_change
from chorus_shared.auth import Permission, Principal, Role, require_permission, require_role
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import NotFound


@dataclass(frozen=True)
class ItemKind(Generic[Item]):
    codec: Codec[Item]
    factory: type[Item]
    not_found: type[NotFound]
    label: str


async def brand_for_strategy_write(uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID) -> Brand:
    require_permission(principal, Permission.MANAGE_STRATEGY)
    brand = await load_brand_for_change(uow, principal, brand_id)
    brand._ensure_active()  # strategy of an archived brand is frozen with it
    return brand


async def brand_for_strategy_read(uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID) -> Brand:
    require_role(principal, Role.ANALYST)
    return await get_brand(uow=uow, principal=principal, brand_id=brand_id)


def repository(uow: UnitOfWork, kind: ItemKind[Item]) -> BrandOwnedRepository[Item]:
    return BrandOwnedRepository(uow.session, kind.codec)


async def create_item(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, kind: ItemKind[Item], details: Any
) -> Item:
    await brand_for_strategy_write(uow, principal, brand_id)
    item = kind.factory.create(tenant_id=principal.tenant_id, brand_id=brand_id, details=details)
    await repository(uow, kind).add(item)
    record(uow, item)
    return item


async def get_item(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, kind: ItemKind[Item], item_id: uuid.UUID
) -> Item:
    await brand_for_strategy_read(uow, principal, brand_id)
    return await _found(uow, kind, brand_id, item_id)


async def list_items(
    *,
    uow: UnitOfWork,
    principal: Principal,
    brand_id: uuid.UUID,
    kind: ItemKind[Item],
    after: uuid.UUID | None,
    limit: int,
    where: tuple[ColumnElement[bool], ...] = (),
) -> list[Item]:
    await brand_for_strategy_read(uow, principal, brand_id)
    return await repository(uow, kind).list(brand_id, after=after, limit=limit, where=where)


async def revise_item(
    *,
    uow: UnitOfWork,
    principal: Principal,
    brand_id: uuid.UUID,
    kind: ItemKind[Item],
    item_id: uuid.UUID,
    change: Callable[[Item], None],
) -> Item:
    """`change` applies the request to the loaded item (it raises ValidationFailed on bad input)."""
    await brand_for_strategy_write(uow, principal, brand_id)
    item = await _found(uow, kind, brand_id, item_id, for_update=True)
    change(item)
    await repository(uow, kind).save(item)
    record(uow, item)
    return item


async def delete_item(
    *,
    uow: UnitOfWork,
    principal: Principal,
    brand_id: uuid.UUID,
    kind: ItemKind[Item],
    item_id: uuid.UUID,
    guard: Callable[[Item], Awaitable[None]] | None = None,
) -> Item:
    """`guard` may refuse the deletion (e.g. a segment still targeted by channel plans)."""
    await brand_for_strategy_write(uow, principal, brand_id)
    item = await _found(uow, kind, brand_id, item_id, for_update=True)
    if guard is not None:
        await guard(item)
    item.delete()
    await repository(uow, kind).delete(item)
    record(uow, item)
    return item


async def _found(
    uow: UnitOfWork, kind: ItemKind[Item], brand_id: uuid.UUID, item_id: uuid.UUID, *, for_update: bool = False
) -> Item:
    item = await repository(uow, kind).get(brand_id, item_id, for_update=for_update)
    if item is None:
        raise kind.not_found(f"No {kind.label} {item_id} for this brand.")
    return item


def record(uow: UnitOfWork, item: Item) -> None:
    uow.emit_all((event, item.id) for event in item.events)
    item.events.clear()
