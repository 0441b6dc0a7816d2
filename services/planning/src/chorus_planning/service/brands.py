"""Brand use cases: create, read, rename, change settings, archive."""

from __future__ import annotations

import uuid

from chorus_planning.adapters.brands import BrandRepository
from chorus_planning.domain.brand import Brand
from chorus_planning.domain.errors import BrandNotFound
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork


async def create_brand(
    *,
    uow: UnitOfWork,
    principal: Principal,
    name: str,
    timezone: str,
    languages: list[str],
    client_name: str | None = None,
) -> Brand:
    # Brands are strategy: social media managers and above create and change them.
    require_permission(principal, Permission.MANAGE_STRATEGY)
    brand = Brand.create(
        tenant_id=principal.tenant_id, name=name, timezone=timezone, languages=languages, client_name=client_name
    )
    await BrandRepository(uow.session).add(brand)
    record_brand_events(uow, brand)
    return brand


async def get_brand(*, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID) -> Brand:
    # A brand outside the caller's scope answers exactly like a missing one: no existence leak.
    brand = None
    if principal.can_see_brand(brand_id):
        brand = await BrandRepository(uow.session).get(brand_id)
    if brand is None:
        raise BrandNotFound(f"No brand {brand_id}.")
    return brand


async def list_brands(
    *, uow: UnitOfWork, principal: Principal, include_archived: bool, after: uuid.UUID | None, limit: int
) -> list[Brand]:
    scope = None if principal.brand_ids is None else sorted(principal.brand_ids)
    return await BrandRepository(uow.session).list(
        ids=scope, include_archived=include_archived, after=after, limit=limit
    )


async def update_brand(
    *,
    uow: UnitOfWork,
    principal: Principal,
    brand_id: uuid.UUID,
    name: str | None = None,
    timezone: str | None = None,
    languages: list[str] | None = None,
    client_name: str | None = None,
) -> Brand:
    # Brands are strategy: social media managers and above create and change them.
    require_permission(principal, Permission.MANAGE_STRATEGY)
    brand = await load_brand_for_change(uow, principal, brand_id)
    if name is not None:
        brand.rename(name)
    if timezone is not None or languages is not None:
        brand.change_settings(timezone=timezone, languages=languages)
    if client_name is not None:
        brand.change_client(client_name)
    await BrandRepository(uow.session).save(brand)
    record_brand_events(uow, brand)
    return brand


async def archive_brand(*, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID) -> Brand:
    # Brands are strategy: social media managers and above create and change them.
    require_permission(principal, Permission.MANAGE_STRATEGY)
    brand = await load_brand_for_change(uow, principal, brand_id)
    brand.archive()
    await BrandRepository(uow.session).save(brand)
    record_brand_events(uow, brand)
    return brand


async def load_brand_for_change(uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID) -> Brand:
    brand = (
        await BrandRepository(uow.session).get(brand_id, for_update=True) if principal.can_see_brand(brand_id) else None
    )
    if brand is None:
        raise BrandNotFound(f"No brand {brand_id}.")
    return brand


async def save_brand(uow: UnitOfWork, brand: Brand) -> None:
    await BrandRepository(uow.session).save(brand)


def record_brand_events(uow: UnitOfWork, brand: Brand) -> None:
    uow.emit_all((event, brand.id) for event in brand.events)
    brand.events.clear()
