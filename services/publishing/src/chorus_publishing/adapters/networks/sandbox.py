"""Connector for the sandbox network (sandbox_server.py): a local network for demos, tests and benchmarks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import httpx

from .connector import (
    Capabilities,
    Comment,
    Credentials,
    LengthRule,
    MediaKind,
    MetricValue,
    PostContent,
    PostMetrics,
    PublishedPost,
)
from .errors import AuthError
from .follow_up import FollowUps
from .http import bearer, send
from .network_client import network_client

NETWORK = "sandbox"
METRICS = ("impressions", "reach", "likes", "comments", "shares", "saves", "clicks", "video_views")

SANDBOX_CAPABILITIES = Capabilities(
    network=NETWORK,
    max_text_length=500,
    length_rule=LengthRule.CHARACTERS,
    media_kinds=frozenset(MediaKind),
    max_media=4,
    supports_threads=True,
    supports_first_comment=True,
    supports_alt_text=True,
    max_alt_text_length=1000,
    can_check_existence=True,
)


class SandboxConnector:
    """Talks HTTP to a sandbox server; `credentials.account_id` names the account on it."""

    network = NETWORK
    capabilities = SANDBOX_CAPABILITIES

    def __init__(
        self, base_url: str, *, client: httpx.AsyncClient | None = None, timeout: float | httpx.Timeout | None = None
    ) -> None:
        self._base = base_url.rstrip("/")
        self._client = client or network_client(timeout)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def publish(self, credentials: Credentials, content: PostContent, *, idempotency_key: str) -> PublishedPost:
        body = {
            "text": content.text,
            "media": [
                {
                    "kind": item.kind.value,
                    "mime_type": item.mime_type,
                    "alt_text": item.alt_text,
                    "size_bytes": len(item.content),
                }
                for item in content.media
            ],
            "link": content.link,
            "thread": list(content.thread),
            "idempotency_key": idempotency_key,
        }
        created = await self._call(credentials, "POST", "/posts", json=body, creating=True)
        post = _published(created.json())
        if not content.first_comment:
            return post
        follow_ups = FollowUps(post.network_post_id)
        comment = self._call(
            credentials,
            "POST",
            f"/posts/{post.network_post_id}/comments",
            json={"text": content.first_comment},
            creating=True,
        )
        await follow_ups.run("first comment", comment)
        return replace(post, shortfalls=follow_ups.shortfalls)

    async def delete(self, credentials: Credentials, network_post_id: str) -> None:
        await self._call(credentials, "DELETE", f"/posts/{network_post_id}")

    async def find_post(self, credentials: Credentials, *, idempotency_key: str, text: str) -> PublishedPost | None:
        found = await self._call(credentials, "GET", "/posts", params={"idempotency_key": idempotency_key})
        data = found.json()["data"]
        return _published(data[0]) if data else None

    async def fetch_metrics(self, credentials: Credentials, network_post_id: str) -> PostMetrics:
        answer = await self._call(credentials, "GET", f"/posts/{network_post_id}/metrics")
        given: dict[str, int] = answer.json()["metrics"]
        values = [MetricValue(name, given.get(name), f"metrics.{name}") for name in METRICS]
        return PostMetrics(network_post_id, datetime.now(UTC), values)

    async def fetch_comments(self, credentials: Credentials, network_post_id: str) -> Sequence[Comment]:
        answer = await self._call(credentials, "GET", f"/posts/{network_post_id}/comments")
        return [
            Comment(
                network_comment_id=item["id"],
                author_handle=item["author"],
                text=item["text"],
                created_at=datetime.fromisoformat(item["created_at"]),
                in_reply_to=item["in_reply_to"],
            )
            for item in answer.json()["data"]
        ]

    async def _call(
        self, credentials: Credentials, method: str, path: str, *, creating: bool = False, **kwargs: Any
    ) -> httpx.Response:
        if not credentials.access_token:
            raise AuthError("sandbox: the channel has no token", network=NETWORK)
        url = f"{self._base}/v1/accounts/{credentials.account_id}{path}"
        headers = bearer(credentials.access_token)
        return await send(
            NETWORK,
            lambda: self._client.request(method, url, headers=headers, **kwargs),
            creating=creating,
            read_detail=_reason,
        )


def _reason(response: httpx.Response) -> str | None:
    try:
        error = response.json()["error"]
        return f"{error['code']}: {error['message']}"
    except (ValueError, KeyError, TypeError):
        return response.text[:500] or None


def _published(item: dict[str, Any]) -> PublishedPost:
    return PublishedPost(
        network_post_id=item["id"],
        url=item["url"],
        published_at=datetime.fromisoformat(item["created_at"]),
        thread_ids=tuple(item["thread_ids"]),
    )
