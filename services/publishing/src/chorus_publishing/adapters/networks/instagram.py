"""Connector for Instagram professional accounts (Graph API): containers first, then media_publish."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from .connector import (
    Capabilities,
    Comment,
    Credentials,
    LengthRule,
    MediaItem,
    MediaKind,
    MetricValue,
    PostContent,
    PostMetrics,
    PublishedPost,
)
from .errors import RateLimited, RejectedContent, TransientError
from .follow_up import FollowUps
from .graph_api import GRAPH_URL, GraphApi, parse_graph_time

NETWORK = "instagram"
RECENT_MEDIA = 25
# Instagram's publishing quota rolls over 24 hours and does not say when a slot frees up.
QUOTA_WAIT = timedelta(hours=1)
PUBLISHING_LIMIT_CODE = 9  # "application request limit reached" on media_publish (subcode 2207042)

INSTAGRAM_CAPABILITIES = Capabilities(
    network=NETWORK,
    max_text_length=2200,
    length_rule=LengthRule.CHARACTERS,
    media_kinds=frozenset({MediaKind.IMAGE, MediaKind.VIDEO}),
    max_media=10,
    requires_media=True,
    supports_first_comment=True,
    can_check_existence=True,
)

# Metrics each media product offers; `views` counts image views as impressions and video plays as video views.
_OFFERED = {
    "FEED": ("reach", "likes", "comments", "shares", "saved", "views"),
    "REELS": ("reach", "likes", "comments", "shares", "saved", "views"),
    "STORY": ("reach", "shares", "views"),
}
_OUR_NAMES = {"reach": "reach", "likes": "likes", "comments": "comments", "shares": "shares", "saved": "saves"}


class InstagramConnector:
    """Publishes as an Instagram professional account: `credentials.account_id` is the IG user id.

    Instagram fetches media itself, so every MediaItem needs a public `url`.
    """

    network = NETWORK
    capabilities = INSTAGRAM_CAPABILITIES

    def __init__(
        self,
        *,
        base_url: str = GRAPH_URL,
        client: httpx.AsyncClient | None = None,
        poll_interval: float = 5.0,
        max_polls: int = 60,
    ) -> None:
        self._graph = GraphApi(
            NETWORK, base_url=base_url, client=client, extra_throttle_codes=frozenset({PUBLISHING_LIMIT_CODE})
        )
        self._poll_interval = poll_interval
        self._max_polls = max_polls

    async def aclose(self) -> None:
        await self._graph.aclose()

    async def publish(self, credentials: Credentials, content: PostContent, *, idempotency_key: str) -> PublishedPost:
        _check_media(content.media)
        await self._check_quota(credentials)
        container = await self._container(credentials, content)
        published = await self._graph.post(
            credentials, f"{credentials.account_id}/media_publish", {"creation_id": container}, creating=True
        )
        media_id = str(published["id"])
        follow_ups = FollowUps(media_id)
        if content.first_comment:
            comment = self._graph.post(
                credentials, f"{media_id}/comments", {"message": content.first_comment}, creating=True
            )
            await follow_ups.run("first comment", comment)
        details = await follow_ups.look_up("permalink", self._graph.get(credentials, media_id, fields="permalink"))
        url = (details or {}).get("permalink")
        return PublishedPost(media_id, url, datetime.now(UTC), shortfalls=follow_ups.shortfalls)

    async def _check_quota(self, credentials: Credentials) -> None:
        answer = await self._graph.get(
            credentials, f"{credentials.account_id}/content_publishing_limit", fields="config,quota_usage"
        )
        for usage in answer.get("data", []):
            total = usage.get("config", {}).get("quota_total")
            if total is not None and usage.get("quota_usage", 0) >= total:
                raise RateLimited(
                    f"instagram: publishing quota used up ({usage['quota_usage']} of {total})",
                    network=NETWORK,
                    retry_at=datetime.now(UTC) + QUOTA_WAIT,
                )

    async def _container(self, credentials: Credentials, content: PostContent) -> str:
        """The container to publish; creating containers publishes nothing, so their failures are retryable."""
        caption = _with_link(content.text, content.link)
        if len(content.media) == 1:
            return await self._media_container(credentials, content.media[0], {"caption": caption})
        children = [
            await self._media_container(credentials, item, {"is_carousel_item": "true"}) for item in content.media
        ]
        fields = {"media_type": "CAROUSEL", "children": ",".join(children), "caption": caption}
        carousel = await self._graph.post(credentials, f"{credentials.account_id}/media", fields)
        return str(carousel["id"])

    async def _media_container(self, credentials: Credentials, item: MediaItem, fields: dict[str, str]) -> str:
        url = item.url or ""  # _check_media refused items without one
        if item.kind is MediaKind.VIDEO:
            single = "is_carousel_item" not in fields
            fields = {**fields, "media_type": "REELS" if single else "VIDEO", "video_url": url}
        else:
            fields = {**fields, "image_url": url}
        answer = await self._graph.post(credentials, f"{credentials.account_id}/media", fields)
        container = str(answer["id"])
        if item.kind is MediaKind.VIDEO:
            await self._wait_until_finished(credentials, container)
        return container

    async def _wait_until_finished(self, credentials: Credentials, container: str) -> None:
        """Instagram processes videos before they can be published; ERROR is the network refusing the media."""
        for _ in range(self._max_polls):
            answer = await self._graph.get(credentials, container, fields="status_code,status")
            state = answer.get("status_code")
            if state in ("FINISHED", "PUBLISHED"):
                return
            if state == "ERROR":
                reason = answer.get("status") or "media processing failed"
                raise RejectedContent(f"instagram: container {container}: {reason}", network=NETWORK, detail=reason)
            if state == "EXPIRED":
                raise TransientError(f"instagram: container {container} expired before publishing", network=NETWORK)
            await asyncio.sleep(self._poll_interval)
        raise TransientError(f"instagram: container {container} still processing", network=NETWORK)

    async def delete(self, credentials: Credentials, network_post_id: str) -> None:
        await self._graph.delete(credentials, network_post_id)

    async def find_post(self, credentials: Credentials, *, idempotency_key: str, text: str) -> PublishedPost | None:
        # Instagram keeps no client key: the attempt's media is the recent one with the same caption.
        answer = await self._graph.get(
            credentials, f"{credentials.account_id}/media", fields="id,caption,permalink,timestamp", limit=RECENT_MEDIA
        )
        for media in answer.get("data", []):
            if (media.get("caption") or "").strip() == text.strip():
                return PublishedPost(media["id"], media.get("permalink"), parse_graph_time(media["timestamp"]))
        return None

    async def fetch_metrics(self, credentials: Credentials, network_post_id: str) -> PostMetrics:
        media = await self._graph.get(credentials, network_post_id, fields="media_type,media_product_type")
        offered = _OFFERED.get(media.get("media_product_type", "FEED"), ())
        given = await self._insights(credentials, network_post_id, offered) if offered else {}
        views_name = "video_views" if media.get("media_type") == "VIDEO" else "impressions"
        names = {**_OUR_NAMES, "views": views_name}
        values = [MetricValue(ours, given.get(api), f"insights.{api}") for api, ours in names.items()]
        return PostMetrics(network_post_id, datetime.now(UTC), values)

    async def _insights(self, credentials: Credentials, media_id: str, metrics: Sequence[str]) -> dict[str, int]:
        try:
            answer = await self._graph.get(credentials, f"{media_id}/insights", metric=",".join(metrics))
        except RejectedContent:
            # Graph refuses the whole request once one metric is retired (code 100): all of them are missing.
            return {}
        return {item["name"]: int(item["values"][0]["value"]) for item in answer.get("data", []) if item["values"]}

    async def fetch_comments(self, credentials: Credentials, network_post_id: str) -> Sequence[Comment]:
        answer = await self._graph.get(
            credentials, f"{network_post_id}/comments", fields="id,text,username,timestamp", limit=100
        )
        return [_comment(item) for item in answer.get("data", [])]


def _check_media(media: Sequence[MediaItem]) -> None:
    if not media:
        raise RejectedContent("instagram: a post needs at least one image or video", network=NETWORK)
    if len(media) > INSTAGRAM_CAPABILITIES.max_media:
        raise RejectedContent("instagram: a carousel holds at most 10 items", network=NETWORK)
    for item in media:
        if item.kind not in INSTAGRAM_CAPABILITIES.media_kinds:
            raise RejectedContent(f"instagram: {item.kind} media are not accepted", network=NETWORK)
        if not item.url:
            raise RejectedContent("instagram: media must have a public URL for Instagram to fetch", network=NETWORK)


def _with_link(text: str, link: str | None) -> str:
    return f"{text}\n\n{link}" if link and link not in text else text


def _comment(item: dict[str, Any]) -> Comment:
    return Comment(
        network_comment_id=item["id"],
        author_handle=item.get("username", ""),
        text=item.get("text", ""),
        created_at=parse_graph_time(item["timestamp"]),
    )
