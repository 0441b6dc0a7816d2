"""Repository of a brand's strategy items (segments, competitors, findings, channel plans, partnerships).

One generic repository: each kind gives its row class and a codec between its aggregate and the row's columns.
RLS already limits rows to the current tenant; every query also filters on the brand.
"""

from __future__ import annotations

import uuid
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_planning.domain.brand_owned import BrandOwned

Item = TypeVar("Item", bound=BrandOwned[Any])


class Codec(Protocol[Item]):
    row: type[Any]

    def columns(self, item: Item) -> dict[str, Any]: ...

    def item(self, row: Any) -> Item: ...


class BrandOwnedRepository(Generic[Item]):
    def __init__(self, session: AsyncSession, codec: Codec[Item]) -> None:
        self._session = session
        self._codec = codec
        self._row = codec.row

    async def get(self, brand_id: uuid.UUID, item_id: uuid.UUID, *, for_update: bool = False) -> Item | None:
        statement = select(self._row).where(self._row.id == item_id, self._row.brand_id == brand_id)
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return self._codec.item(row) if row else None

    async def list(
        self, brand_id: uuid.UUID, *, after: uuid.UUID | None, limit: int, where: tuple[ColumnElement[bool], ...] = ()
    ) -> list[Item]:
        statement = select(self._row).where(self._row.brand_id == brand_id, *where).order_by(self._row.id).limit(limit)
        if after is not None:
            statement = statement.where(self._row.id > after)
        return [self._codec.item(row) for row in (await self._session.execute(statement)).scalars()]

    async def add(self, item: Item) -> None:
        self._session.add(
            self._row(
                id=item.id,
                tenant_id=item.tenant_id,
                brand_id=item.brand_id,
                version=item.version,
                **self._codec.columns(item),
            )
        )

    async def save(self, item: Item) -> None:
        row = await self._session.get(self._row, item.id)
        if row is None:
            raise LookupError(item.id)
        row.version = item.version
        for column, value in self._codec.columns(item).items():
            setattr(row, column, value)

    async def delete(self, item: Item) -> None:
        row = await self._session.get(self._row, item.id)
        if row is not None:
            await self._session.delete(row)
