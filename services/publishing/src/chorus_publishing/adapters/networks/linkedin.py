"""Connector for LinkedIn (versioned REST Posts API): posts with images, comments and share statistics."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

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
from .errors import AuthError, NetworkError, RateLimited, RejectedContent, UnknownOutcome
from .follow_up import FollowUps
from .http import bearer, json_field, retry_at, send
from .network_client import network_client

NETWORK = "linkedin"
API_URL = "https://api.linkedin.com"
LINKEDIN_VERSION = "202410"
# LinkedIn's 429 carries no reset header (its daily quotas reset at midnight UTC); a short throttle is more common
# than a spent daily quota, so we try again after this unless the answer has a Retry-After.
DEFAULT_RATE_LIMIT_WAIT = timedelta(minutes=15)
RECENT_POSTS = 25
_LITTLE_TEXT_RESERVED = set("\\|{}@[]()<>#*_~")

LINKEDIN_CAPABILITIES = Capabilities(
    network=NETWORK,
    max_text_length=3000,
    length_rule=LengthRule.CHARACTERS,
    media_kinds=frozenset({MediaKind.IMAGE, MediaKind.GIF}),
    max_media=20,
    supports_first_comment=True,
    supports_alt_text=True,
    max_alt_text_length=4086,
    can_check_existence=True,
)


class LinkedInConnector:
    """Posts as `credentials.account_id`, the author's URN (urn:li:organization:… or urn:li:person:…)."""

    network = NETWORK
    capabilities = LINKEDIN_CAPABILITIES

    def __init__(
        self, *, base_url: str = API_URL, client: httpx.AsyncClient | None = None, version: str = LINKEDIN_VERSION
    ) -> None:
        self._base = base_url.rstrip("/")
        self._client = client or network_client()
        self._version = version

    async def aclose(self) -> None:
        await self._client.aclose()

    async def publish(self, credentials: Credentials, content: PostContent, *, idempotency_key: str) -> PublishedPost:
        if any(item.kind not in self.capabilities.media_kinds for item in content.media):
            raise RejectedContent("linkedin: this connector posts images only", network=NETWORK)
        author = credentials.account_id
        body: dict[str, Any] = {
            "author": author,
            "commentary": _commentary(content),
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        images = [await self._upload_image(credentials, item) for item in content.media]
        if len(images) == 1:
            body["content"] = {"media": images[0]}
        elif images:
            body["content"] = {"multiImage": {"images": images}}
        created = await self._call(credentials, "POST", "/rest/posts", json=body, creating=True)
        urn = created.headers.get("x-restli-id", "")
        if not urn:
            raise UnknownOutcome("linkedin: the post was accepted without an id", network=NETWORK, status=201)
        follow_ups = FollowUps(urn)
        if content.first_comment:
            await follow_ups.run("first comment", self._comment(credentials, urn, content.first_comment))
        return PublishedPost(urn, _post_url(urn), datetime.now(UTC), shortfalls=follow_ups.shortfalls)

    async def _upload_image(self, credentials: Credentials, item: MediaItem) -> dict[str, str]:
        """An uploaded image is not a post: failures here are safe to retry."""
        request = {"initializeUploadRequest": {"owner": credentials.account_id}}
        answer = await self._call(credentials, "POST", "/rest/images?action=initializeUpload", json=request)
        value = answer.json()["value"]
        await self._call(credentials, "PUT", value["uploadUrl"], content=item.content)
        image = {"id": value["image"]}
        if item.alt_text:
            image["altText"] = item.alt_text
        return image

    async def _comment(self, credentials: Credentials, urn: str, text: str) -> httpx.Response:
        body = {"actor": credentials.account_id, "object": urn, "message": {"text": text}}
        return await self._call(
            credentials, "POST", f"/rest/socialActions/{_q(urn)}/comments", json=body, creating=True
        )

    async def delete(self, credentials: Credentials, network_post_id: str) -> None:
        await self._call(credentials, "DELETE", f"/rest/posts/{_q(network_post_id)}")

    async def find_post(self, credentials: Credentials, *, idempotency_key: str, text: str) -> PublishedPost | None:
        # LinkedIn keeps no client key: the attempt's post is the author's recent one with the same commentary.
        path = f"/rest/posts?q=author&author={_q(credentials.account_id)}&count={RECENT_POSTS}&sortBy=CREATED"
        answer = await self._call(credentials, "GET", path, headers={"X-RestLi-Method": "FINDER"})
        wanted = _escape(text).strip()
        for post in answer.json().get("elements", []):
            if (post.get("commentary") or "").strip() == wanted:
                created = datetime.fromtimestamp(post.get("publishedAt", post.get("createdAt", 0)) / 1000, tz=UTC)
                return PublishedPost(post["id"], _post_url(post["id"]), created)
        return None

    async def fetch_metrics(self, credentials: Credentials, network_post_id: str) -> PostMetrics:
        if credentials.account_id.startswith("urn:li:organization:"):
            values = await self._organization_metrics(credentials, network_post_id)
        else:
            values = await self._member_metrics(credentials, network_post_id)
        return PostMetrics(network_post_id, datetime.now(UTC), values)

    async def _organization_metrics(self, credentials: Credentials, urn: str) -> list[MetricValue]:
        kind = "ugcPosts" if urn.startswith("urn:li:ugcPost:") else "shares"
        path = (
            "/rest/organizationalEntityShareStatistics?q=organizationalEntity"
            f"&organizationalEntity={_q(credentials.account_id)}&{kind}=List({_q(urn)})"
        )
        elements = (await self._call(credentials, "GET", path)).json().get("elements", [])
        stats: dict[str, int] = elements[0].get("totalShareStatistics", {}) if elements else {}
        fields = {
            "impressions": "impressionCount",
            "reach": "uniqueImpressionsCount",
            "clicks": "clickCount",
            "likes": "likeCount",
            "comments": "commentCount",
            "shares": "shareCount",
        }
        return [MetricValue(name, stats.get(api), f"totalShareStatistics.{api}") for name, api in fields.items()]

    async def _member_metrics(self, credentials: Credentials, urn: str) -> list[MetricValue]:
        actions = (await self._call(credentials, "GET", f"/rest/socialActions/{_q(urn)}")).json()
        likes = actions.get("likesSummary", {}).get("totalLikes")
        comments = actions.get("commentsSummary", {}).get("aggregatedTotalComments")
        return [
            MetricValue("likes", likes, "likesSummary.totalLikes"),
            MetricValue("comments", comments, "commentsSummary.aggregatedTotalComments"),
        ]

    async def fetch_comments(self, credentials: Credentials, network_post_id: str) -> Sequence[Comment]:
        answer = await self._call(credentials, "GET", f"/rest/socialActions/{_q(network_post_id)}/comments")
        return [
            Comment(
                network_comment_id=item.get("commentUrn") or str(item["id"]),
                author_handle=item.get("actor", ""),  # a URN: names need a profile lookup LinkedIn restricts
                text=item.get("message", {}).get("text", ""),
                created_at=datetime.fromtimestamp(item.get("created", {}).get("time", 0) / 1000, tz=UTC),
                in_reply_to=item.get("parentComment"),
            )
            for item in answer.json().get("elements", [])
        ]

    async def _call(
        self, credentials: Credentials, method: str, path: str, *, creating: bool = False, **kwargs: Any
    ) -> httpx.Response:
        if not credentials.access_token:
            raise AuthError("linkedin: the channel has no token", network=NETWORK)
        url = path if path.startswith("http") else f"{self._base}{path}"
        headers = {
            **bearer(credentials.access_token),
            "LinkedIn-Version": self._version,
            "X-Restli-Protocol-Version": "2.0.0",
            **kwargs.pop("headers", {}),
        }
        return await send(
            NETWORK,
            lambda: self._client.request(method, url, headers=headers, **kwargs),
            creating=creating,
            read_detail=json_field("message"),
            special=_rate_limited,
        )


def _rate_limited(response: httpx.Response, detail: str | None) -> NetworkError | None:
    if response.status_code != 429:
        return None
    now = datetime.now(UTC)
    when = retry_at(response.headers, now=now) if "retry-after" in response.headers else now + DEFAULT_RATE_LIMIT_WAIT
    message = f"linkedin: {response.request.method} {response.request.url.path} -> 429: {detail or 'throttled'}"
    return RateLimited(message, network=NETWORK, retry_at=when)


def _commentary(content: PostContent) -> str:
    text = content.text
    if content.link and content.link not in text:
        text = f"{text}\n\n{content.link}"
    return _escape(text)


def _escape(text: str) -> str:
    """LinkedIn reads commentary as "little text": reserved characters unescaped cut or break the post."""
    return "".join(f"\\{char}" if char in _LITTLE_TEXT_RESERVED else char for char in text)


def _q(urn: str) -> str:
    return quote(urn, safe="")


def _post_url(urn: str) -> str:
    return f"https://www.linkedin.com/feed/update/{urn}/"
