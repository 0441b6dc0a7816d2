"""Uploading media once per brand (content-addressed) and reading it back for variants and the dispatcher."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime

from chorus_publishing.adapters.media_assets import MediaAssetRepository
from chorus_publishing.adapters.media_storage import MediaStorage
from chorus_publishing.domain.errors import MediaNotFound
from chorus_publishing.domain.media_asset import MediaAsset, kind_of
from chorus_publishing.service.posts import ensure_brand_known
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import FieldError, ValidationFailed

FILENAME_MAX = 255


async def upload_media(
    *,
    uow: UnitOfWork,
    principal: Principal,
    storage: MediaStorage,
    brand_id: uuid.UUID,
    filename: str,
    mime_type: str,
    content: bytes,
    max_bytes: int,
) -> tuple[MediaAsset, bool]:
    """The stored asset and whether it was new; the same bytes uploaded again return the first asset."""
    require_permission(principal, Permission.PUBLISH_CONTENT)
    await ensure_brand_known(uow, principal, brand_id)
    kind = kind_of(mime_type, content, max_bytes=max_bytes)
    filename = filename.strip()[:FILENAME_MAX] or "upload"
    digest = hashlib.sha256(content).hexdigest()
    # Keys name the content within the tenant: no cross-tenant sharing of files, and a re-upload writes nothing.
    key = f"{principal.tenant_id}/{digest[:2]}/{digest}"
    await storage.put(key, content)
    candidate = MediaAsset(
        id=uuid.uuid4(),
        tenant_id=principal.tenant_id,
        brand_id=brand_id,
        sha256=digest,
        mime_type=mime_type.lower(),
        kind=kind,
        size=len(content),
        storage_key=key,
        filename=filename,
        uploaded_by=principal.subject,
        uploaded_at=datetime.now(UTC),
    )
    stored = await MediaAssetRepository(uow.session).add_or_existing(candidate)
    return stored, stored.id == candidate.id


async def get_media(*, uow: UnitOfWork, principal: Principal, media_id: uuid.UUID) -> MediaAsset:
    require_permission(principal, Permission.READ)
    asset = await MediaAssetRepository(uow.session).get(media_id)
    if asset is None or not principal.can_see_brand(asset.brand_id):
        raise MediaNotFound(f"No media {media_id}.")
    return asset


async def media_content(
    *, uow: UnitOfWork, principal: Principal, storage: MediaStorage, media_id: uuid.UUID
) -> tuple[MediaAsset, bytes]:
    asset = await get_media(uow=uow, principal=principal, media_id=media_id)
    return asset, await storage.get(asset.storage_key)


def missing_file() -> ValidationFailed:
    return ValidationFailed("The upload is not valid.", field_errors=[FieldError("file", "Attach a file.", "required")])
