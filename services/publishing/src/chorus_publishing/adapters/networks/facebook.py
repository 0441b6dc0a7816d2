"""Connector for Facebook Pages (Graph API): feed posts, photos, insights and comments of a page."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
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
from .errors import RejectedContent
from .follow_up import FollowUps
from .graph_api import GRAPH_URL, GraphApi, parse_graph_time

NETWORK = "facebook"
RECENT_POSTS = 25  # how far back reconciliation looks for a post it may have created
INSIGHTS = {"impressions": "post_impressions", "reach": "post_impressions_unique", "clicks": "post_clicks"}
ENGAGEMENT_FIELDS = "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares"

FACEBOOK_CAPABILITIES = Capabilities(
    network=NETWORK,
    max_text_length=63206,
    length_rule=LengthRule.CHARACTERS,
    media_kinds=frozenset({MediaKind.IMAGE, MediaKind.GIF}),
    max_media=10,
    supports_first_comment=True,
    can_check_existence=True,
)


class FacebookPagesConnector:
    """Publishes as a page: `credentials.account_id` is the page id, the token a page access token."""

    network = NETWORK
    capabilities = FACEBOOK_CAPABILITIES

    def __init__(self, *, base_url: str = GRAPH_URL, client: httpx.AsyncClient | None = None) -> None:
        self._graph = GraphApi(NETWORK, base_url=base_url, client=client)

    async def aclose(self) -> None:
        await self._graph.aclose()

    async def publish(self, credentials: Credentials, content: PostContent, *, idempotency_key: str) -> PublishedPost:
        page = credentials.account_id
        if any(item.kind not in self.capabilities.media_kinds for item in content.media):
            raise RejectedContent("facebook: this connector posts images only", network=NETWORK)
        if len(content.media) == 1:
            post_id = await self._single_photo(credentials, content)
        else:
            fields = {"message": content.text}
            if content.link:
                fields["link"] = content.link
            for index, photo_id in enumerate([await self._unpublished_photo(credentials, m) for m in content.media]):
                fields[f"attached_media[{index}]"] = json.dumps({"media_fbid": photo_id})
            post_id = str((await self._graph.post(credentials, f"{page}/feed", fields, creating=True))["id"])
        follow_ups = FollowUps(post_id)
        if content.first_comment:
            comment = self._graph.post(
                credentials, f"{post_id}/comments", {"message": content.first_comment}, creating=True
            )
            await follow_ups.run("first comment", comment)
        return PublishedPost(post_id, _post_url(post_id), datetime.now(UTC), shortfalls=follow_ups.shortfalls)

    async def _single_photo(self, credentials: Credentials, content: PostContent) -> str:
        caption = _with_link(content.text, content.link)  # a photo post has no link field
        photo = content.media[0]
        answer = await self._graph.post(
            credentials, f"{credentials.account_id}/photos", {"caption": caption}, files=_source(photo), creating=True
        )
        return str(answer.get("post_id") or answer["id"])

    async def _unpublished_photo(self, credentials: Credentials, photo: MediaItem) -> str:
        # An unpublished photo is not a post: a failure here is safe to retry, so it is not `creating`.
        answer = await self._graph.post(
            credentials, f"{credentials.account_id}/photos", {"published": "false"}, files=_source(photo)
        )
        return str(answer["id"])

    async def delete(self, credentials: Credentials, network_post_id: str) -> None:
        await self._graph.delete(credentials, network_post_id)

    async def find_post(self, credentials: Credentials, *, idempotency_key: str, text: str) -> PublishedPost | None:
        # Pages keep no client key: the attempt's post is the recent one with the same message.
        answer = await self._graph.get(
            credentials,
            f"{credentials.account_id}/published_posts",
            fields="id,message,created_time,permalink_url",
            limit=RECENT_POSTS,
        )
        for post in answer.get("data", []):
            if (post.get("message") or "").strip() == text.strip():
                url = post.get("permalink_url") or _post_url(post["id"])
                return PublishedPost(post["id"], url, parse_graph_time(post["created_time"]))
        return None

    async def fetch_metrics(self, credentials: Credentials, network_post_id: str) -> PostMetrics:
        insights = await self._insights(credentials, network_post_id)
        engagement = await self._graph.get(credentials, network_post_id, fields=ENGAGEMENT_FIELDS)
        values = [MetricValue(name, insights.get(api), f"insights.{api}") for name, api in INSIGHTS.items()]
        values += [
            MetricValue("likes", _summary_total(engagement, "reactions"), "reactions.summary.total_count"),
            MetricValue("comments", _summary_total(engagement, "comments"), "comments.summary.total_count"),
            # Graph leaves `shares` out of a post nobody has shared: absent here means zero, not unknown.
            MetricValue("shares", int(engagement.get("shares", {}).get("count", 0)), "shares.count"),
        ]
        return PostMetrics(network_post_id, datetime.now(UTC), values)

    async def _insights(self, credentials: Credentials, post_id: str) -> dict[str, int]:
        try:
            answer = await self._graph.get(credentials, f"{post_id}/insights", metric=",".join(INSIGHTS.values()))
        except RejectedContent:
            # Graph refuses the whole request once one metric is retired (code 100): all of them are missing.
            return {}
        return {item["name"]: int(item["values"][0]["value"]) for item in answer.get("data", []) if item["values"]}

    async def fetch_comments(self, credentials: Credentials, network_post_id: str) -> Sequence[Comment]:
        answer = await self._graph.get(
            credentials,
            f"{network_post_id}/comments",
            fields="id,message,from,created_time,parent{id}",
            filter="stream",
            limit=100,
        )
        return [
            Comment(
                network_comment_id=item["id"],
                author_handle=(item.get("from") or {}).get("name", ""),  # hidden without the page's consent
                text=item.get("message", ""),
                created_at=parse_graph_time(item["created_time"]),
                in_reply_to=(item.get("parent") or {}).get("id"),
            )
            for item in answer.get("data", [])
        ]


def _source(photo: MediaItem) -> dict[str, tuple[str, bytes, str]]:
    return {"source": ("photo", photo.content, photo.mime_type)}


def _with_link(text: str, link: str | None) -> str:
    return f"{text}\n\n{link}" if link and link not in text else text


def _summary_total(engagement: dict[str, Any], edge: str) -> int | None:
    total = (engagement.get(edge) or {}).get("summary", {}).get("total_count")
    return int(total) if total is not None else None


def _post_url(post_id: str) -> str:
    return f"https://www.facebook.com/{post_id}"
