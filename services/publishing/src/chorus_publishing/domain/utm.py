"""UTM tags on a post's links, so the brand's analytics know which network and campaign brought the visit."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from chorus_publishing.adapters.networks.text_length import urls
from chorus_publishing.domain.brand_rules import UtmSettings


@dataclass(frozen=True)
class UtmTags:
    source: str
    medium: str
    campaign: str

    def pairs(self) -> list[tuple[str, str]]:
        return [("utm_source", self.source), ("utm_medium", self.medium), ("utm_campaign", self.campaign)]


def tags_for(settings: UtmSettings, *, network: str, campaign_id: uuid.UUID | None) -> UtmTags | None:
    """The tags of one variant, or None when links stay as written (UTM off, or no campaign to name)."""
    campaign = settings.campaign_name or (str(campaign_id) if campaign_id else None)
    if not settings.enabled or campaign is None:
        return None
    return UtmTags(source=network, medium=settings.medium, campaign=campaign)


def tag_url(url: str, tags: UtmTags) -> str:
    """`url` with the tags added; its own query parameters (an explicit utm_* too) are kept as they are."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return url
    query = parse_qsl(parts.query, keep_blank_values=True)
    present = {name for name, _ in query}
    query += [(name, value) for name, value in tags.pairs() if name not in present]
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(query), parts.fragment))


def tag_text(text: str, tags: UtmTags) -> str:
    """Every http(s) link in `text` tagged; the words around them untouched."""
    pieces: list[str] = []
    cursor = 0
    for start, end in urls(text):
        pieces.append(text[cursor:start])
        pieces.append(tag_url(text[start:end], tags))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)
