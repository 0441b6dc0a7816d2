"""Media asset repository (RLS keeps assets to the tenant; the brand is checked by the use cases)."""

from __future__ import annotations

import uuid
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_publishing.adapters.networks.connector import MediaKind
from chorus_publishing.adapters.post_orm import MediaAssetRow
from chorus_publishing.domain.media_asset import MediaAsset


class MediaAssetRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, media_id: uuid.UUID) -> MediaAsset | None:
        row = await self._session.get(MediaAssetRow, media_id)
        return _to_domain(row) if row else None

    async def by_storage_key(self, storage_key: str) -> MediaAsset | None:
        """Any asset stored under `storage_key` (brands of a tenant share a file when they upload the same bytes)."""
        statement = select(MediaAssetRow).where(MediaAssetRow.storage_key == storage_key).limit(1)
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return _to_domain(row) if row else None

    async def of_brand(self, brand_id: uuid.UUID, media_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, MediaAsset]:
        if not media_ids:
            return {}
        statement = select(MediaAssetRow).where(
            MediaAssetRow.brand_id == brand_id, MediaAssetRow.id.in_(list(media_ids))
        )
        return {row.id: _to_domain(row) for row in (await self._session.execute(statement)).scalars()}

    async def add_or_existing(self, asset: MediaAsset) -> MediaAsset:
        """Record `asset`, or return the brand's asset with the same content (the upload is then a reuse)."""
        await self._session.execute(
            insert(MediaAssetRow)
            .values(
                id=asset.id,
                tenant_id=asset.tenant_id,
                brand_id=asset.brand_id,
                sha256=asset.sha256,
                mime_type=asset.mime_type,
                kind=asset.kind.value,
                size=asset.size,
                storage_key=asset.storage_key,
                filename=asset.filename,
                uploaded_by=asset.uploaded_by,
                uploaded_at=asset.uploaded_at,
            )
            .on_conflict_do_nothing(index_elements=["tenant_id", "brand_id", "sha256"])
        )
        statement = select(MediaAssetRow).where(
            MediaAssetRow.brand_id == asset.brand_id, MediaAssetRow.sha256 == asset.sha256
        )
        return _to_domain((await self._session.execute(statement)).scalar_one())


def _to_domain(row: MediaAssetRow) -> MediaAsset:
    return MediaAsset(
        id=row.id,
        tenant_id=row.tenant_id,
        brand_id=row.brand_id,
        sha256=row.sha256,
        mime_type=row.mime_type,
        kind=MediaKind(row.kind),
        size=row.size,
        storage_key=row.storage_key,
        filename=row.filename,
        uploaded_by=row.uploaded_by,
        uploaded_at=row.uploaded_at,
    )
