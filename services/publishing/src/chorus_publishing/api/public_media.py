"""Media at a public address, for networks that fetch media themselves: Instagram's container takes an image_url.

The address ends with the store's key, `<tenant>/<xx>/<sha256>`. It names the content, so nobody finds a file
without already holding it, and it changes whenever the content does, so caches may keep it forever. The network
fetching it signs in to nothing; the file is served only if an asset with that key exists in that tenant.
Point `media_public_url` at `<this service's public address>/public/media`, or at a CDN in front of it.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from fastapi import APIRouter, Request, Response

from chorus_publishing.adapters.media_assets import MediaAssetRepository
from chorus_publishing.adapters.media_storage import LocalMediaStorage
from chorus_publishing.adapters.orm import outbox
from chorus_publishing.api.dependencies import SOURCE
from chorus_publishing.settings import PublishingSettings
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import NotFound

router = APIRouter(tags=["media"])
DIGEST = re.compile(r"[0-9a-f]{64}")
FOREVER = "public, max-age=31536000, immutable"


@router.get("/public/media/{tenant_id}/{prefix}/{digest}", response_class=Response)
async def public_media(tenant_id: uuid.UUID, prefix: str, digest: str, request: Request) -> Response:
    if not DIGEST.fullmatch(digest) or prefix != digest[:2]:
        raise NotFound("No such media.")
    key = f"{tenant_id}/{prefix}/{digest}"
    async with UnitOfWork(request.app.state.sessions, outbox=outbox, source=SOURCE, tenant_id=tenant_id) as uow:
        asset = await MediaAssetRepository(uow.session).by_storage_key(key)
    if asset is None:
        raise NotFound("No such media.")
    settings: PublishingSettings = request.app.state.settings
    try:
        content = await LocalMediaStorage(Path(settings.media_path)).get(key)
    except FileNotFoundError:
        raise NotFound("No such media.") from None
    # nosniff: a browser opening the address treats the file as the type it was checked to be at upload, nothing else.
    headers = {"Cache-Control": FOREVER, "X-Content-Type-Options": "nosniff"}
    return Response(content=content, media_type=asset.mime_type, headers=headers)
