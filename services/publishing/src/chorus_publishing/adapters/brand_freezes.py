"""Brand freeze repository (RLS limits rows to the current tenant)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_publishing.adapters.freeze_orm import BrandFreezeRow
from chorus_publishing.domain.brand_freeze import BrandFreeze, FreezeSource


class BrandFreezeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def active(self, brand_id: uuid.UUID, *, for_update: bool = False) -> BrandFreeze | None:
        statement = select(BrandFreezeRow).where(
            BrandFreezeRow.brand_id == brand_id, BrandFreezeRow.lifted_at.is_(None)
        )
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return _to_domain(row) if row else None

    async def caused_by(self, source_event_id: str) -> BrandFreeze | None:
        statement = select(BrandFreezeRow).where(BrandFreezeRow.source_event_id == source_event_id)
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return _to_domain(row) if row else None

    async def add(self, freeze: BrandFreeze) -> None:
        self._session.add(
            BrandFreezeRow(
                id=freeze.id,
                tenant_id=freeze.tenant_id,
                brand_id=freeze.brand_id,
                frozen_at=freeze.frozen_at,
                reason=freeze.reason,
                source=freeze.source.value,
                source_event_id=freeze.source_event_id,
                frozen_by=freeze.frozen_by,
            )
        )

    async def save(self, freeze: BrandFreeze) -> None:
        row = await self._session.get(BrandFreezeRow, freeze.id)
        if row is None:
            raise LookupError(freeze.id)
        row.lifted_at, row.lifted_by = freeze.lifted_at, freeze.lifted_by


def _to_domain(row: BrandFreezeRow) -> BrandFreeze:
    return BrandFreeze(
        id=row.id,
        tenant_id=row.tenant_id,
        brand_id=row.brand_id,
        frozen_at=row.frozen_at,
        reason=row.reason,
        source=FreezeSource(row.source),
        frozen_by=row.frozen_by,
        source_event_id=row.source_event_id,
        lifted_at=row.lifted_at,
        lifted_by=row.lifted_by,
    )
