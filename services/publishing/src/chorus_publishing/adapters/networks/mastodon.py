"""Connector for Mastodon (and compatible servers): statuses, media, threads as replies, metrics from the status."""

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
from .post_text import html_to_text, same_text, text_with_link

NETWORK = "mastodon"
RECENT_STATUSES = 40  # the most the accounts/:id/statuses endpoint returns at once

MASTODON_CAPABILITIES = Capabilities(
    network=NETWORK,
    max_text_length=500,  # the default; instances may allow more
    length_rule=LengthRule.URLS_AS_23,
    media_kinds=frozenset({MediaKind.IMAGE, MediaKind.VIDEO, MediaKind.GIF}),
    max_media=4,
    supports_threads=True,
    supports_first_comment=True,
    supports_alt_text=True,
    max_alt_text_length=1500,
)

# (our name, the status field); Mastodon offers no impressions, reach, saves or clicks.
_METRICS = (("likes", "favourites_count"), ("shares", "reblogs_count"), ("comments", "replies_count"))
_NOT_OFFERED = ("impressions",)


class MastodonConnector:
    """Talks to the instance in `credentials.instance_url` with the user's access token."""

    network = NETWORK
    capabilities = MASTODON_CAPABILITIES

    def __init__(
        self,
        *,
        client: httpx.AsyncClient | None = None,
        timeout: float | httpx.Timeout | None = None,
        media_poll_interval: float = 1.0,
        media_poll_attempts: int = 60,
    ) -> None:
        self._client = client or network_client(timeout)
        self._poll_interval = media_poll_interval
        self._poll_attempts = media_poll_attempts

    async def aclose(self) -> None:
        await self._client.aclose()

    async def publish(self, credentials: Credentials, content: PostContent, *, idempotency_key: str) -> PublishedPost:
        media_ids = [await self._upload(credentials, item) for item in content.media]
        body = {"status": text_with_link(content), "media_ids": media_ids}
        root = await self._post_status(credentials, body, idempotency_key)
        post = _published(root)
        follow_ups = FollowUps(post.network_post_id)
        thread_ids = await self._reply_chain(
            credentials, post.network_post_id, content.thread, idempotency_key, follow_ups
        )
        if content.first_comment:
            comment = {"status": content.first_comment, "in_reply_to_id": post.network_post_id}
            await follow_ups.run("first comment", self._post_status(credentials, comment, f"{idempotency_key}:c"))
        return PublishedPost(post.network_post_id, post.url, post.published_at, thread_ids, follow_ups.shortfalls)

    async def delete(self, credentials: Credentials, network_post_id: str) -> None:
        try:
            await self._call(credentials, "DELETE", f"/api/v1/statuses/{network_post_id}")
        except RejectedContent as exc:
            if exc.status != 404:  # already gone is what we wanted
                raise

    async def find_post(self, credentials: Credentials, *, idempotency_key: str, text: str) -> PublishedPost | None:
        # Statuses keep no idempotency key: recognise ours by its text among the account's latest.
        account_id = credentials.account_id or await self._own_account_id(credentials)
        params = {"limit": RECENT_STATUSES, "exclude_reblogs": "true"}
        response = await self._call(credentials, "GET", f"/api/v1/accounts/{account_id}/statuses", params=params)
        for status in response.json():
            if status.get("in_reply_to_id") is None and same_text(text, html_to_text(status.get("content", ""))):
                return _published(status)
        return None

    async def fetch_metrics(self, credentials: Credentials, network_post_id: str) -> PostMetrics:
        status = (await self._call(credentials, "GET", f"/api/v1/statuses/{network_post_id}")).json()
        values = [MetricValue(name, _count(status, field), field) for name, field in _METRICS]
        values += [MetricValue(name, None, "") for name in _NOT_OFFERED]
        return PostMetrics(network_post_id, datetime.now(UTC), values)

    async def fetch_comments(self, credentials: Credentials, network_post_id: str) -> Sequence[Comment]:
        context = (await self._call(credentials, "GET", f"/api/v1/statuses/{network_post_id}/context")).json()
        return [_comment(status) for status in context.get("descendants", [])]

    async def _reply_chain(
        self, credentials: Credentials, root_id: str, items: Sequence[str], key: str, follow_ups: FollowUps
    ) -> tuple[str, ...]:
        """Thread items as replies, each to the one before; stops at the first failure (a shortfall, not raised,
        since raising would make the dispatcher publish the first item again)."""
        ids: list[str] = []
        parent = root_id
        for index, text in enumerate(items, start=1):
            reply = self._post_status(credentials, {"status": text, "in_reply_to_id": parent}, f"{key}:{index}")
            status = await follow_ups.run(f"thread item {index}", reply)
            if status is None:
                follow_ups.thread_stopped(at=index, items=len(items))
                break
            parent = str(status["id"])
            ids.append(parent)
        return tuple(ids)

    async def _post_status(self, credentials: Credentials, body: dict[str, Any], key: str) -> dict[str, Any]:
        # Mastodon answers a repeated Idempotency-Key (for an hour) with the status it already created.
        response = await self._call(
            credentials, "POST", "/api/v1/statuses", json=body, headers={"Idempotency-Key": key}, creating=True
        )
        status: dict[str, Any] = response.json()
        return status

    async def _upload(self, credentials: Credentials, item: MediaItem) -> str:
        files = {"file": ("media", item.content, item.mime_type)}
        data = {"description": item.alt_text} if item.alt_text else {}
        response = await self._call(credentials, "POST", "/api/v2/media", files=files, data=data)
        media_id = str(response.json()["id"])
        if response.status_code == 202:  # still processing: attaching it now would be refused
            await self._wait_processed(credentials, media_id)
        return media_id

    async def _wait_processed(self, credentials: Credentials, media_id: str) -> None:
        for _ in range(self._poll_attempts):
            await asyncio.sleep(self._poll_interval)
            response = await self._call(credentials, "GET", f"/api/v1/media/{media_id}")
            if response.status_code == 200:
                return
        raise RejectedContent(f"{NETWORK}: media {media_id} never finished processing", network=NETWORK)

    async def _own_account_id(self, credentials: Credentials) -> str:
        response = await self._call(credentials, "GET", "/api/v1/accounts/verify_credentials")
        return str(response.json()["id"])

    async def _call(
        self,
        credentials: Credentials,
        method: str,
        path: str,
        *,
        creating: bool = False,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        url = credentials.instance_url.rstrip("/") + path
        all_headers = bearer(credentials.access_token) | (headers or {})
        return await send(
            NETWORK, lambda: self._client.request(method, url, headers=all_headers, **kwargs), creating=creating
        )


def _count(status: dict[str, Any], field: str) -> int | None:
    value = status.get(field)
    return value if isinstance(value, int) else None


def _published(status: dict[str, Any]) -> PublishedPost:
    return PublishedPost(str(status["id"]), status.get("url"), _time(status["created_at"]))


def _comment(status: dict[str, Any]) -> Comment:
    return Comment(
        network_comment_id=str(status["id"]),
        author_handle=status.get("account", {}).get("acct", ""),
        text=html_to_text(status.get("content", "")),
        created_at=_time(status["created_at"]),
        in_reply_to=status.get("in_reply_to_id"),
    )


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))
