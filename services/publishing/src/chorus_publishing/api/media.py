"""Media over REST: upload a file once for a brand (multipart), read its description or its bytes."""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Request, Response, UploadFile
from pydantic import BaseModel

from chorus_publishing.adapters.media_storage import LocalMediaStorage, MediaStorage
from chorus_publishing.api.dependencies import RequestUnitOfWork
from chorus_publishing.domain.media_asset import MediaAsset
from chorus_publishing.service import media
from chorus_publishing.settings import PublishingSettings
from chorus_shared.auth import CurrentPrincipal

router = APIRouter(tags=["media"])
CHUNK = 1024 * 1024


def _settings(request: Request) -> PublishingSettings:
    settings: PublishingSettings = request.app.state.settings
    return settings


def _storage(request: Request) -> MediaStorage:
    return LocalMediaStorage(Path(_settings(request).media_path))


Storage = Annotated[MediaStorage, Depends(_storage)]


class MediaRead(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    kind: str
    mime_type: str
    size: int
    sha256: str
    filename: str
    uploaded_by: str
    uploaded_at: datetime
    reused: bool = False

    @classmethod
    def of(cls, asset: MediaAsset, *, reused: bool = False) -> MediaRead:
        return cls(
            id=asset.id,
            brand_id=asset.brand_id,
            kind=asset.kind.value,
            mime_type=asset.mime_type,
            size=asset.size,
            sha256=asset.sha256,
            filename=asset.filename,
            uploaded_by=asset.uploaded_by,
            uploaded_at=asset.uploaded_at,
            reused=reused,
        )


@router.post("/brands/{brand_id}/media", status_code=201)
async def upload_media(
    brand_id: uuid.UUID,
    request: Request,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    storage: Storage,
    file: Annotated[UploadFile | None, File()] = None,
) -> MediaRead:
    if file is None:
        raise media.missing_file()
    limit = _settings(request).media_max_bytes
    content = await _read_capped(file, limit)
    asset, created = await media.upload_media(
        uow=uow,
        principal=principal,
        storage=storage,
        brand_id=brand_id,
        filename=file.filename or "",
        mime_type=file.content_type or "",
        content=content,
        max_bytes=limit,
    )
    await uow.commit()
    return MediaRead.of(asset, reused=not created)


@router.get("/media/{media_id}")
async def get_media(media_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> MediaRead:
    return MediaRead.of(await media.get_media(uow=uow, principal=principal, media_id=media_id))


@router.get("/media/{media_id}/content", response_class=Response)
async def media_content(
    media_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal, storage: Storage
) -> Response:
    asset, content = await media.media_content(uow=uow, principal=principal, storage=storage, media_id=media_id)
    return Response(content=content, media_type=asset.mime_type)


async def _read_capped(file: UploadFile, limit: int) -> bytes:
    """At most `limit` + 1 bytes: enough to tell a file is too big without holding all of it."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = await file.read(CHUNK)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)
