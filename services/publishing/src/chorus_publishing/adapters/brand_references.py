"""Brand reference repository."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_publishing.adapters.orm import BrandReferenceRow
from chorus_publishing.domain.brand_reference import BrandReference


class BrandReferenceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, brand_id: uuid.UUID) -> BrandReference | None:
        row = (
            await self._session.execute(select(BrandReferenceRow).where(BrandReferenceRow.brand_id == brand_id))
        ).scalar_one_or_none()
        return _to_domain(row) if row is not None else None

    async def get_many(self, brand_ids: list[uuid.UUID]) -> list[BrandReference]:
        statement = select(BrandReferenceRow).where(BrandReferenceRow.brand_id.in_(brand_ids))
        return [_to_domain(row) for row in (await self._session.execute(statement)).scalars()]

    async def all_ids(self, *, include_archived: bool = False) -> list[uuid.UUID]:
        """Every brand of the current tenant (RLS limits the rows)."""
        statement = select(BrandReferenceRow.brand_id)
        if not include_archived:
            statement = statement.where(BrandReferenceRow.archived.is_(False))
        return list((await self._session.execute(statement)).scalars())

    async def upsert(self, brand: BrandReference) -> None:
        values = {
            "brand_id": brand.brand_id,
            "tenant_id": brand.tenant_id,
            "name": brand.name,
            "timezone": brand.timezone,
            "languages": brand.languages,
            "archived": brand.archived,
            "synced_at": brand.synced_at,
        }
        statement = insert(BrandReferenceRow).values(values)
        statement = statement.on_conflict_do_update(
            index_elements=[BrandReferenceRow.brand_id],
            set_={key: statement.excluded[key] for key in values if key not in ("brand_id", "tenant_id")},
        )
        await self._session.execute(statement)


def _to_domain(row: BrandReferenceRow) -> BrandReference:
    return BrandReference(
        brand_id=row.brand_id,
        tenant_id=row.tenant_id,
        name=row.name,
        timezone=row.timezone,
        languages=list(row.languages),
        archived=row.archived,
        synced_at=row.synced_at,
    )
