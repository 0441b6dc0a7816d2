"""An uploaded image or video: stored once by content, used by as many variants as want it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from chorus_publishing.adapters.networks.connector import MediaKind
from chorus_shared.errors import FieldError, ValidationFailed

# Declared type -> kind, and how the bytes of that type begin (a renamed .exe is not an image).
KINDS: dict[str, MediaKind] = {
    "image/jpeg": MediaKind.IMAGE,
    "image/png": MediaKind.IMAGE,
    "image/webp": MediaKind.IMAGE,
    "image/gif": MediaKind.GIF,
    "video/mp4": MediaKind.VIDEO,
    "video/quicktime": MediaKind.VIDEO,
}


@dataclass(frozen=True)
class MediaAsset:
    id: uuid.UUID
    tenant_id: uuid.UUID
    brand_id: uuid.UUID
    sha256: str
    mime_type: str
    kind: MediaKind
    size: int
    storage_key: str
    filename: str
    uploaded_by: str
    uploaded_at: datetime


def kind_of(mime_type: str, content: bytes, *, max_bytes: int) -> MediaKind:
    """The kind of an upload, or a field error: unknown type, empty, too big, or bytes that are not that type."""
    kind = KINDS.get(mime_type.lower())
    if kind is None:
        allowed = ", ".join(sorted(KINDS))
        raise _invalid("file", f"Unsupported type {mime_type!r}; one of: {allowed}.", "unsupported_type")
    if not content:
        raise _invalid("file", "The file is empty.", "required")
    if len(content) > max_bytes:
        raise _invalid("file", f"At most {max_bytes} bytes.", "too_large")
    if not _looks_like(mime_type.lower(), content):
        raise _invalid("file", f"The file's content is not {mime_type}.", "type_mismatch")
    return kind


def _looks_like(mime_type: str, content: bytes) -> bool:
    head = content[:16]
    if mime_type == "image/jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if mime_type == "image/png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if mime_type == "image/gif":
        return head.startswith((b"GIF87a", b"GIF89a"))
    if mime_type == "image/webp":
        return head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    return head[4:8] == b"ftyp"  # MP4 and QuickTime both start with an ftyp box


def _invalid(field: str, message: str, code: str) -> ValidationFailed:
    return ValidationFailed("The upload is not valid.", field_errors=[FieldError(field, message, code)])
