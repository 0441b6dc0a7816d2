"""A publication's content as its network receives it: media bytes read from the posts' media store, or the
media's public address for networks that fetch media themselves (Instagram)."""

from __future__ import annotations

from dataclasses import dataclass

from chorus_publishing.adapters.media_storage import MediaStorage
from chorus_publishing.adapters.networks.connector import MediaItem, MediaKind, PostContent
from chorus_publishing.adapters.networks.errors import RejectedContent
from chorus_publishing.domain.media_asset import KINDS
from chorus_publishing.domain.publication import MediaRef, PublicationContent

FETCH_BY_URL = frozenset({"instagram"})


@dataclass(frozen=True)
class MediaSource:
    """Where the dispatcher finds a publication's media: the store's bytes, and the public base address the
    store's keys are served under (None: no public address, networks that fetch by URL cannot get media)."""

    storage: MediaStorage
    public_url: str | None = None


async def network_content(content: PublicationContent, network: str, media: MediaSource | None) -> PostContent:
    """Raises RejectedContent when a medium cannot be read: nothing was sent, so the failure is safe to report."""
    items = [await _item(ref, network, media) for ref in content.media]
    return PostContent(
        text=content.text, media=items, link=content.link, thread=content.thread, first_comment=content.first_comment
    )


async def _item(ref: MediaRef, network: str, media: MediaSource | None) -> MediaItem:
    kind = KINDS.get(ref.mime_type, MediaKind.IMAGE)
    url = ref.url
    if url is None and media is not None and media.public_url and ref.storage_key:
        url = f"{media.public_url.rstrip('/')}/{ref.storage_key}"
    if network in FETCH_BY_URL or ref.storage_key is None:
        return MediaItem(content=b"", mime_type=ref.mime_type, kind=kind, alt_text=ref.alt_text, url=url)
    if media is None:
        raise _unreadable(ref, network, "no media store is configured for the dispatcher")
    try:
        content = await media.storage.get(ref.storage_key)
    except (OSError, ValueError) as error:
        raise _unreadable(ref, network, str(error)) from error
    return MediaItem(content=content, mime_type=ref.mime_type, kind=kind, alt_text=ref.alt_text, url=url)


def _unreadable(ref: MediaRef, network: str, why: str) -> RejectedContent:
    detail = f"Media {ref.media_id} cannot be read from the media store: {why}"
    return RejectedContent(detail, network=network, detail=detail)
