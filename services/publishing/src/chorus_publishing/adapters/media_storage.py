"""Where media bytes live: a storage interface keyed by content, and its local filesystem implementation."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path
from typing import Protocol


class MediaStorage(Protocol):
    async def put(self, key: str, content: bytes) -> None:
        """Store `content` under `key`; storing the same key again is a no-op (keys name contents)."""
        ...

    async def get(self, key: str) -> bytes: ...


class LocalMediaStorage:
    """Files under `root`, written atomically (temp file + rename) so a reader never sees half a file."""

    def __init__(self, root: Path) -> None:
        self._root = root

    async def put(self, key: str, content: bytes) -> None:
        await asyncio.to_thread(self._put, key, content)

    async def get(self, key: str) -> bytes:
        return await asyncio.to_thread(self._path(key).read_bytes)

    def _put(self, key: str, content: bytes) -> None:
        path = self._path(key)
        if path.exists():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)

    def _path(self, key: str) -> Path:
        path = (self._root / key).resolve()
        if not path.is_relative_to(self._root.resolve()):
            raise ValueError(f"media key {key!r} leaves the storage root")
        return path
