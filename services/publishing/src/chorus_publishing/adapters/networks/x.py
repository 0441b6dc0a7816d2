"""Connector for X through API v2: posts (tweets), media upload with alt text, replies for threads, metrics."""

from __future__ import annotations

import asyncio
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
from .http import bearer, send
from .network_client import network_client
from .post_text import same_text, text_with_link
from .x_errors import x_detail, x_special

NETWORK = "x"
DEFAULT_API = "https://api.x.com"
RECENT_POSTS = 100

X_CAPABILITIES = Capabilities(
    network=NETWORK,
    max_text_length=280,
    length_rule=LengthRule.TWITTER_WEIGHTED,
    media_kinds=frozenset({MediaKind.IMAGE, MediaKind.VIDEO, MediaKind.GIF}),
    max_media=4,  # four images, or one video or GIF
    supports_threads=True,
    supports_first_comment=True,
    supports_alt_text=True,
    max_alt_text_length=1000,
)

# Our name and where X puts it, best source first. Non-public metrics exist only for the owner's recent posts.
_METRICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("impressions", ("non_public_metrics.impression_count", "public_metrics.impression_count")),
    ("likes", ("public_metrics.like_count",)),
    ("shares", ("public_metrics.retweet_count",)),
    ("comments", ("public_metrics.reply_count",)),
    ("quotes", ("public_metrics.quote_count",)),
    ("saves", ("public_metrics.bookmark_count",)),
    ("clicks", ("non_public_metrics.url_link_clicks",)),
)
_CATEGORY = {MediaKind.IMAGE: "tweet_image", MediaKind.GIF: "tweet_gif", MediaKind.VIDEO: "tweet_video"}


class XConnector:
    """Calls API v2 with the user's OAuth 2 access token; `credentials.account_id` is the user id."""

    network = NETWORK
    capabilities = X_CAPABILITIES

    def __init__(
        self,
        *,
        api_base: str = DEFAULT_API,
        client: httpx.AsyncClient | None = None,
        timeout: float | httpx.Timeout | None = None,
        media_poll_attempts: int = 60,
    ) -> None:
        self._api = api_base.rstrip("/")
        self._client = client or network_client(timeout)
        self._poll_attempts = media_poll_attempts

    async def aclose(self) -> None:
        await self._client.aclose()

    async def publish(self, credentials: Credentials, content: PostContent, *, idempotency_key: str) -> PublishedPost:
        # X has no idempotency key: reconciliation finds the post by its text (find_post).
        media_ids = [await self._upload(credentials, item) for item in content.media]
        body: dict[str, Any] = {"text": text_with_link(content)}
        if media_ids:
            body["media"] = {"media_ids": media_ids}
        root_id = await self._create(credentials, body)
        follow_ups = FollowUps(root_id)
        thread_ids = await self._reply_chain(credentials, root_id, content.thread, follow_ups)
        if content.first_comment:
            comment = {"text": content.first_comment, "reply": {"in_reply_to_tweet_id": root_id}}
            await follow_ups.run("first comment", self._create(credentials, comment))
        return PublishedPost(root_id, _url(root_id), datetime.now(UTC), thread_ids, follow_ups.shortfalls)

    async def delete(self, credentials: Credentials, network_post_id: str) -> None:
        try:
            await self._call(credentials, "DELETE", f"/2/tweets/{network_post_id}")
        except RejectedContent as exc:
            if exc.status != 404:  # already gone is what we wanted
                raise

    async def find_post(self, credentials: Credentials, *, idempotency_key: str, text: str) -> PublishedPost | None:
        user_id = credentials.account_id or await self._own_user_id(credentials)
        params = {"max_results": RECENT_POSTS, "exclude": "replies,retweets", "tweet.fields": "created_at"}
        timeline = (await self._call(credentials, "GET", f"/2/users/{user_id}/tweets", params=params)).json()
        for tweet in timeline.get("data", []):
            if same_text(text, tweet.get("text", "")):
                return PublishedPost(tweet["id"], _url(tweet["id"]), _time(tweet["created_at"]))
        return None

    async def fetch_metrics(self, credentials: Credentials, network_post_id: str) -> PostMetrics:
        tweet = await self._metrics_of(credentials, network_post_id, "public_metrics,non_public_metrics")
        if tweet is None:  # non-public metrics are refused on posts older than 30 days: the public ones remain
            tweet = await self._metrics_of(credentials, network_post_id, "public_metrics")
        if tweet is None:
            raise RejectedContent(f"{NETWORK}: no post {network_post_id}", network=NETWORK, status=200)
        values = [_metric(tweet, name, sources) for name, sources in _METRICS]
        return PostMetrics(network_post_id, datetime.now(UTC), values)

    async def fetch_comments(self, credentials: Credentials, network_post_id: str) -> Sequence[Comment]:
        params = {
            "query": f"conversation_id:{network_post_id}",
            "tweet.fields": "author_id,created_at,referenced_tweets",
            "expansions": "author_id",
            "max_results": 100,
        }
        found = (await self._call(credentials, "GET", "/2/tweets/search/recent", params=params)).json()
        users = {user["id"]: user["username"] for user in found.get("includes", {}).get("users", [])}
        return [_comment(tweet, users) for tweet in found.get("data", [])]

    async def _reply_chain(
        self, credentials: Credentials, root_id: str, items: Sequence[str], follow_ups: FollowUps
    ) -> tuple[str, ...]:
        """Thread items as replies, each to the one before; stops at the first failure (a shortfall, not raised,
        since raising would make the dispatcher publish the first item again)."""
        ids: list[str] = []
        parent = root_id
        for index, text in enumerate(items, start=1):
            reply = {"text": text, "reply": {"in_reply_to_tweet_id": parent}}
            created = await follow_ups.run(f"thread item {index}", self._create(credentials, reply))
            if created is None:
                follow_ups.thread_stopped(at=index, items=len(items))
                break
            parent = created
            ids.append(created)
        return tuple(ids)

    async def _create(self, credentials: Credentials, body: dict[str, Any]) -> str:
        response = await self._call(credentials, "POST", "/2/tweets", json=body, creating=True)
        return str(response.json()["data"]["id"])

    async def _metrics_of(self, credentials: Credentials, post_id: str, fields: str) -> dict[str, Any] | None:
        answer = await self._call(credentials, "GET", f"/2/tweets/{post_id}", params={"tweet.fields": fields})
        data: dict[str, Any] | None = answer.json().get("data")
        return data

    async def _upload(self, credentials: Credentials, item: MediaItem) -> str:
        files = {"media": ("media", item.content, item.mime_type)}
        data = {"media_category": _CATEGORY[item.kind]}
        uploaded = (await self._call(credentials, "POST", "/2/media/upload", files=files, data=data)).json()["data"]
        media_id = str(uploaded["id"])
        if uploaded.get("processing_info"):
            await self._wait_processed(credentials, media_id, uploaded["processing_info"])
        if item.alt_text:
            alt = {"id": media_id, "metadata": {"alt_text": {"text": item.alt_text}}}
            await self._call(credentials, "POST", "/2/media/metadata", json=alt)
        return media_id

    async def _wait_processed(self, credentials: Credentials, media_id: str, info: dict[str, Any]) -> None:
        for _ in range(self._poll_attempts):
            if info.get("state") == "succeeded":
                return
            if info.get("state") == "failed":
                reason = info.get("error", {}).get("message", "media processing failed")
                raise RejectedContent(f"{NETWORK}: {reason}", network=NETWORK, detail=reason)
            await asyncio.sleep(float(info.get("check_after_secs", 1)))
            params = {"command": "STATUS", "media_id": media_id}
            status = (await self._call(credentials, "GET", "/2/media/upload", params=params)).json()["data"]
            info = status.get("processing_info", {"state": "succeeded"})
        raise RejectedContent(f"{NETWORK}: media {media_id} never finished processing", network=NETWORK)

    async def _own_user_id(self, credentials: Credentials) -> str:
        return str((await self._call(credentials, "GET", "/2/users/me")).json()["data"]["id"])

    async def _call(
        self, credentials: Credentials, method: str, path: str, *, creating: bool = False, **kwargs: Any
    ) -> httpx.Response:
        headers = bearer(credentials.access_token)
        return await send(
            NETWORK,
            lambda: self._client.request(method, self._api + path, headers=headers, **kwargs),
            creating=creating,
            read_detail=x_detail,
            special=x_special,
        )


def _metric(tweet: dict[str, Any], name: str, sources: tuple[str, ...]) -> MetricValue:
    for source in sources:
        group, field = source.split(".")
        value = tweet.get(group, {}).get(field)
        if isinstance(value, int):
            return MetricValue(name, value, source)
    return MetricValue(name, None, sources[0])


def _comment(tweet: dict[str, Any], users: dict[str, str]) -> Comment:
    replied_to = [ref["id"] for ref in tweet.get("referenced_tweets", []) if ref.get("type") == "replied_to"]
    return Comment(
        network_comment_id=tweet["id"],
        author_handle=users.get(tweet.get("author_id", ""), ""),
        text=tweet.get("text", ""),
        created_at=_time(tweet["created_at"]),
        in_reply_to=replied_to[0] if replied_to else None,
    )


def _url(post_id: str) -> str:
    return f"https://x.com/i/web/status/{post_id}"


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))
