"""Connector for Bluesky over the AT Protocol: posts are app.bsky.feed.post records in the account's repository."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import httpx

from .bluesky_richtext import facets
from .bluesky_session import NETWORK, Session, Sessions, bluesky_detail, session_error
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
from .errors import AuthError, RejectedContent
from .follow_up import FollowUps
from .http import bearer, send
from .network_client import network_client
from .post_text import same_text, text_with_link

DEFAULT_PDS = "https://bsky.social"
POST = "app.bsky.feed.post"
RECENT_RECORDS = 50

BLUESKY_CAPABILITIES = Capabilities(
    network=NETWORK,
    max_text_length=300,
    length_rule=LengthRule.GRAPHEMES,
    media_kinds=frozenset({MediaKind.IMAGE}),
    max_media=4,
    supports_threads=True,
    supports_first_comment=True,
    supports_alt_text=True,
    max_alt_text_length=2000,
)

_METRICS = (("likes", "likeCount"), ("shares", "repostCount"), ("comments", "replyCount"), ("quotes", "quoteCount"))
_NOT_OFFERED = ("impressions",)


class BlueskyConnector:
    """`credentials.account_id` is the handle or DID, `access_token` an app password, `instance_url` the PDS."""

    network = NETWORK
    capabilities = BLUESKY_CAPABILITIES

    def __init__(
        self, *, client: httpx.AsyncClient | None = None, timeout: float | httpx.Timeout | None = None
    ) -> None:
        self._client = client or network_client(timeout)
        self._sessions = Sessions(self._client)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def publish(self, credentials: Credentials, content: PostContent, *, idempotency_key: str) -> PublishedPost:
        images = [await self._upload(credentials, item) for item in content.media]
        record = _post_record(text_with_link(content), embed=_embed(images, content.link))
        root = await self._create(credentials, record)
        post = _published(root["uri"], record["createdAt"])
        follow_ups = FollowUps(root["uri"])
        thread_ids = await self._reply_chain(credentials, root, content.thread, follow_ups)
        if content.first_comment:
            comment = _post_record(content.first_comment, reply={"root": root, "parent": root})
            await follow_ups.run("first comment", self._create(credentials, comment))
        return PublishedPost(post.network_post_id, post.url, post.published_at, thread_ids, follow_ups.shortfalls)

    async def delete(self, credentials: Credentials, network_post_id: str) -> None:
        repo, collection, rkey = _parts(network_post_id)
        body = {"repo": repo, "collection": collection, "rkey": rkey}
        await self._xrpc(credentials, "POST", "com.atproto.repo.deleteRecord", json=body)

    async def find_post(self, credentials: Credentials, *, idempotency_key: str, text: str) -> PublishedPost | None:
        # Records keep no idempotency key: recognise ours by its text among the latest top-level posts.
        session = await self._session(credentials)
        params = {"repo": session.did, "collection": POST, "limit": RECENT_RECORDS}
        listing = (await self._xrpc(credentials, "GET", "com.atproto.repo.listRecords", params=params)).json()
        for record in listing.get("records", []):
            value = record.get("value", {})
            if "reply" not in value and same_text(text, value.get("text", "")):
                return _published(record["uri"], value["createdAt"])
        return None

    async def fetch_metrics(self, credentials: Credentials, network_post_id: str) -> PostMetrics:
        params = {"uris": network_post_id}
        posts = (await self._xrpc(credentials, "GET", "app.bsky.feed.getPosts", params=params)).json()["posts"]
        if not posts:
            raise RejectedContent(f"{NETWORK}: no post {network_post_id}", network=NETWORK, status=200)
        view = posts[0]
        values = [MetricValue(name, _count(view, field), field) for name, field in _METRICS]
        values += [MetricValue(name, None, "") for name in _NOT_OFFERED]
        return PostMetrics(network_post_id, datetime.now(UTC), values)

    async def fetch_comments(self, credentials: Credentials, network_post_id: str) -> Sequence[Comment]:
        params = {"uri": network_post_id, "depth": 10}
        thread = (await self._xrpc(credentials, "GET", "app.bsky.feed.getPostThread", params=params)).json()
        return _replies(thread["thread"])

    async def _reply_chain(
        self, credentials: Credentials, root: dict[str, str], items: Sequence[str], follow_ups: FollowUps
    ) -> tuple[str, ...]:
        """Thread items as replies, each to the one before; stops at the first failure (a shortfall, not raised,
        since raising would make the dispatcher publish the first item again)."""
        ids: list[str] = []
        parent = root
        for index, text in enumerate(items, start=1):
            reply = _post_record(text, reply={"root": root, "parent": parent})
            created = await follow_ups.run(f"thread item {index}", self._create(credentials, reply))
            if created is None:
                follow_ups.thread_stopped(at=index, items=len(items))
                break
            parent = created
            ids.append(created["uri"])
        return tuple(ids)

    async def _create(self, credentials: Credentials, record: dict[str, Any]) -> dict[str, str]:
        session = await self._session(credentials)
        body = {"repo": session.did, "collection": POST, "record": record}
        response = await self._xrpc(credentials, "POST", "com.atproto.repo.createRecord", json=body, creating=True)
        created = response.json()
        return {"uri": created["uri"], "cid": created["cid"]}

    async def _upload(self, credentials: Credentials, item: MediaItem) -> dict[str, Any]:
        response = await self._xrpc(
            credentials,
            "POST",
            "com.atproto.repo.uploadBlob",
            content=item.content,
            headers={"Content-Type": item.mime_type},
        )
        return {"alt": item.alt_text or "", "image": response.json()["blob"]}

    async def _session(self, credentials: Credentials) -> Session:
        return await self._sessions.current(credentials, _pds(credentials))

    async def _xrpc(
        self,
        credentials: Credentials,
        method: str,
        nsid: str,
        *,
        creating: bool = False,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """One XRPC call with the account's session; an expired session is renewed once and the call repeated
        (safe even for a create: the PDS refused it before doing anything)."""
        pds = _pds(credentials)
        session = await self._sessions.current(credentials, pds)
        try:
            return await self._send(session, method, f"{pds}/xrpc/{nsid}", creating, headers, kwargs)
        except AuthError as exc:
            if exc.status != 400:
                raise
            session = await self._sessions.renew(credentials, pds, session)
            return await self._send(session, method, f"{pds}/xrpc/{nsid}", creating, headers, kwargs)

    async def _send(
        self,
        session: Session,
        method: str,
        url: str,
        creating: bool,
        headers: dict[str, str] | None,
        kwargs: dict[str, Any],
    ) -> httpx.Response:
        all_headers = bearer(session.access_jwt) | (headers or {})
        return await send(
            NETWORK,
            lambda: self._client.request(method, url, headers=all_headers, **kwargs),
            creating=creating,
            read_detail=bluesky_detail,
            special=session_error,
        )


def _pds(credentials: Credentials) -> str:
    return (credentials.instance_url or DEFAULT_PDS).rstrip("/")


def _post_record(
    text: str, *, embed: dict[str, Any] | None = None, reply: dict[str, Any] | None = None
) -> dict[str, Any]:
    record: dict[str, Any] = {"$type": POST, "text": text, "createdAt": _now()}
    if found := facets(text):
        record["facets"] = found
    if embed:
        record["embed"] = embed
    if reply:
        record["reply"] = reply
    return record


def _embed(images: list[dict[str, Any]], link: str | None) -> dict[str, Any] | None:
    if images:
        return {"$type": "app.bsky.embed.images", "images": images}
    if link:  # a link card; without media of its own the app shows it under the text
        return {"$type": "app.bsky.embed.external", "external": {"uri": link, "title": "", "description": ""}}
    return None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _parts(at_uri: str) -> tuple[str, str, str]:
    repo, collection, rkey = at_uri.removeprefix("at://").split("/", 2)
    return repo, collection, rkey


def _published(at_uri: str, created_at: str) -> PublishedPost:
    repo, _, rkey = _parts(at_uri)
    return PublishedPost(at_uri, f"https://bsky.app/profile/{repo}/post/{rkey}", _time(created_at))


def _count(view: dict[str, Any], field: str) -> int | None:
    value = view.get(field)
    return value if isinstance(value, int) else None


def _replies(node: dict[str, Any]) -> list[Comment]:
    parent_uri = node.get("post", {}).get("uri")
    comments: list[Comment] = []
    for reply in node.get("replies", []):
        post = reply.get("post")
        if post is None:  # a blocked or deleted reply
            continue
        comments.append(
            Comment(
                network_comment_id=post["uri"],
                author_handle=post.get("author", {}).get("handle", ""),
                text=post.get("record", {}).get("text", ""),
                created_at=_time(post.get("record", {}).get("createdAt") or post["indexedAt"]),
                in_reply_to=parent_uri,
            )
        )
        comments += _replies(reply)
    return comments


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))
