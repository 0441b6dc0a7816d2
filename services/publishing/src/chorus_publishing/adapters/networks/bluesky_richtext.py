"""Bluesky rich text: links and hashtags are facets over UTF-8 byte ranges, or the app shows them as plain text."""

from __future__ import annotations

import re
from typing import Any

from .text_length import urls

_HASHTAG = re.compile(r"(?<![\w#])#(\w*[^\W\d]\w*)")


def facets(text: str) -> list[dict[str, Any]]:
    """The link and tag facets of `text`, with byte offsets as the lexicon requires."""
    found = [_facet(text, start, end, _link(text[start:end])) for start, end in urls(text)]
    found += [
        _facet(text, m.start(), m.end(), {"$type": "app.bsky.richtext.facet#tag", "tag": m.group(1)})
        for m in _HASHTAG.finditer(text)
        if not any(f["_span"][0] <= m.start() < f["_span"][1] for f in found)
    ]
    for facet in found:
        del facet["_span"]
    return sorted(found, key=lambda f: int(f["index"]["byteStart"]))


def _link(uri: str) -> dict[str, Any]:
    return {"$type": "app.bsky.richtext.facet#link", "uri": uri}


def _facet(text: str, start: int, end: int, feature: dict[str, Any]) -> dict[str, Any]:
    byte_start = len(text[:start].encode())
    byte_end = byte_start + len(text[start:end].encode())
    return {"index": {"byteStart": byte_start, "byteEnd": byte_end}, "features": [feature], "_span": (start, end)}
