"""The Instagram connector against a fake Graph API host: containers, polling, publishing, quota and insights."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from chorus_publishing.adapters.networks.connector import Credentials, MediaItem, MediaKind, PostContent
from chorus_publishing.adapters.networks.errors import (
    AuthError,
    NetworkError,
    RateLimited,
    RejectedContent,
    TransientError,
    UnknownOutcome,
)
from chorus_publishing.adapters.networks.instagram import InstagramConnector
from chorus_publishing.testing.fake_networks.common import CONNECTOR_PATIENCE, OUTLASTS_PATIENCE, serve
from chorus_publishing.testing.fake_networks.graph import IG_USER_ID, TOKEN, FakeGraph, create_app

pytestmark = pytest.mark.timeout(30)

ACCOUNT = Credentials(access_token=TOKEN, account_id=IG_USER_ID)
IMAGE = MediaItem(content=b"", url="https://cdn.acme.test/a.jpg")
VIDEO = MediaItem(content=b"", kind=MediaKind.VIDEO, mime_type="video/mp4", url="https://cdn.acme.test/a.mp4")
MEDIA = f"/v21.0/{IG_USER_ID}/media"
PUBLISH = f"/v21.0/{IG_USER_ID}/media_publish"


@pytest.fixture
def fake() -> FakeGraph:
    return FakeGraph()


@pytest.fixture
async def connector(fake: FakeGraph) -> AsyncIterator[InstagramConnector]:
    async with serve(create_app(fake)) as url:
        connector = InstagramConnector(
            base_url=url, client=httpx.AsyncClient(timeout=CONNECTOR_PATIENCE), poll_interval=0.01, max_polls=5
        )
        yield connector
        await connector.aclose()


async def test_publishes_an_image_through_a_container(fake: FakeGraph, connector: InstagramConnector) -> None:
    post = await connector.publish(ACCOUNT, PostContent(text="Sunset", media=[IMAGE]), idempotency_key="a")

    [container] = fake.of_kind("container")
    assert (container["url"], container["caption"], container["status_code"]) == (IMAGE.url, "Sunset", "PUBLISHED")
    assert fake.objects[post.network_post_id]["caption"] == "Sunset"
    assert post.url == f"https://www.instagram.com/p/{post.network_post_id}/"


async def test_a_video_is_published_once_its_container_has_finished(
    fake: FakeGraph, connector: InstagramConnector
) -> None:
    fake.processing_polls = 3

    post = await connector.publish(ACCOUNT, PostContent(text="Reel", media=[VIDEO]), idempotency_key="a")

    [container] = fake.of_kind("container")
    assert (container["media_type"], container["polls"]) == ("REELS", 3)
    assert fake.objects[post.network_post_id]["media_type"] == "VIDEO"


async def test_a_carousel_is_children_then_a_carousel_container(fake: FakeGraph, connector: InstagramConnector) -> None:
    content = PostContent(text="Three", media=[IMAGE, VIDEO, IMAGE])

    post = await connector.publish(ACCOUNT, content, idempotency_key="a")

    *children, carousel = fake.of_kind("container")
    assert [c["media_type"] for c in children] == ["IMAGE", "VIDEO", "IMAGE"]
    assert carousel["children"] == ",".join(c["id"] for c in children)
    assert (carousel["media_type"], carousel["caption"]) == ("CAROUSEL", "Three")
    assert fake.objects[post.network_post_id]["media_type"] == "CAROUSEL_ALBUM"


async def test_a_container_that_ends_in_error_is_rejected_with_its_status(
    fake: FakeGraph, connector: InstagramConnector
) -> None:
    broken = MediaItem(content=b"", kind=MediaKind.VIDEO, url="https://cdn.acme.test/unsupported-codec.mov")

    with pytest.raises(RejectedContent, match="2207026"):
        await connector.publish(ACCOUNT, PostContent(text="x", media=[broken]), idempotency_key="a")
    assert fake.of_kind("media") == []


async def test_a_container_still_processing_after_the_polls_is_transient(
    fake: FakeGraph, connector: InstagramConnector
) -> None:
    fake.processing_polls = 50

    with pytest.raises(TransientError):
        await connector.publish(ACCOUNT, PostContent(text="x", media=[VIDEO]), idempotency_key="a")
    assert fake.of_kind("media") == []


@pytest.mark.parametrize(
    "content",
    [
        PostContent(text="Text alone"),
        PostContent(text="No URL", media=[MediaItem(content=b"jpeg")]),
    ],
)
async def test_posts_instagram_cannot_take_are_refused_before_sending(
    fake: FakeGraph, connector: InstagramConnector, content: PostContent
) -> None:
    assert connector.capabilities.requires_media

    with pytest.raises(RejectedContent):
        await connector.publish(ACCOUNT, content, idempotency_key="a")
    assert fake.seen == []


async def test_first_comment_goes_under_the_media(fake: FakeGraph, connector: InstagramConnector) -> None:
    content = PostContent(text="Hi", media=[IMAGE], first_comment="#sunset #beach")

    post = await connector.publish(ACCOUNT, content, idempotency_key="a")

    assert [c["message"] for c in fake.comments[post.network_post_id]] == ["#sunset #beach"]


async def test_used_up_publishing_quota_is_a_rate_limit(fake: FakeGraph, connector: InstagramConnector) -> None:
    fake.quota_usage = fake.quota_total

    with pytest.raises(RateLimited) as caught:
        await connector.publish(ACCOUNT, PostContent(text="x", media=[IMAGE]), idempotency_key="a")

    assert caught.value.retry_at - datetime.now(UTC) > timedelta(minutes=59)
    assert fake.of_kind("container") == []


async def test_publish_limit_error_code_is_a_rate_limit(fake: FakeGraph, connector: InstagramConnector) -> None:
    body = {"error": {"message": "Application request limit reached", "code": 9, "error_subcode": 2207042}}
    fake.faults.add("POST", PUBLISH, status=400, body=body)

    with pytest.raises(RateLimited):
        await connector.publish(ACCOUNT, PostContent(text="x", media=[IMAGE]), idempotency_key="a")


async def test_delete_and_find_post(fake: FakeGraph, connector: InstagramConnector) -> None:
    post = await connector.publish(ACCOUNT, PostContent(text="Find me", media=[IMAGE]), idempotency_key="a")

    found = await connector.find_post(ACCOUNT, idempotency_key="a", text="Find me")
    assert found is not None
    assert found.network_post_id == post.network_post_id
    assert await connector.find_post(ACCOUNT, idempotency_key="b", text="Never sent") is None

    await connector.delete(ACCOUNT, post.network_post_id)
    assert fake.of_kind("media") == []


async def test_metrics_missing_zero_and_not_offered(fake: FakeGraph, connector: InstagramConnector) -> None:
    post = await connector.publish(ACCOUNT, PostContent(text="Counted", media=[IMAGE]), idempotency_key="a")
    fake.insights[post.network_post_id] = {"reach": 30, "likes": 0, "views": 45}

    values = {m.name: m.value for m in (await connector.fetch_metrics(ACCOUNT, post.network_post_id)).values}

    assert values == {"reach": 30, "likes": 0, "comments": None, "shares": None, "saves": None, "impressions": 45}


async def test_a_story_offers_no_likes(fake: FakeGraph, connector: InstagramConnector) -> None:
    story = fake.add("media", media_type="VIDEO", media_product_type="STORY", caption="", timestamp="")
    fake.insights[story["id"]] = {"reach": 9, "likes": 3, "views": 12, "shares": 0}

    metrics = await connector.fetch_metrics(ACCOUNT, story["id"])

    values = {m.name: m.value for m in metrics.values}
    assert (values["likes"], values["reach"], values["video_views"], values["shares"]) == (None, 9, 12, 0)
    insights_asked = [r for r in fake.seen if r.path.endswith("/insights")]
    assert len(insights_asked) == 1


async def test_comments_are_read_with_usernames(fake: FakeGraph, connector: InstagramConnector) -> None:
    post = await connector.publish(ACCOUNT, PostContent(text="Talk", media=[IMAGE]), idempotency_key="a")
    fake.comment_from_someone(post.network_post_id, "Love it", who="jane.doe")

    comments = await connector.fetch_comments(ACCOUNT, post.network_post_id)

    assert [(c.author_handle, c.text) for c in comments] == [("jane.doe", "Love it")]


async def test_an_expired_token_is_an_auth_error(connector: InstagramConnector) -> None:
    with pytest.raises(AuthError):
        await connector.publish(
            Credentials(access_token="expired", account_id=IG_USER_ID),
            PostContent(text="x", media=[IMAGE]),
            idempotency_key="a",
        )


async def test_throttled_with_an_estimate(fake: FakeGraph, connector: InstagramConnector) -> None:
    usage = {IG_USER_ID: [{"type": "instagram", "call_count": 100, "estimated_time_to_regain_access": 3}]}
    body = {"error": {"message": "User request limit reached", "code": 17}}
    fake.faults.add("POST", MEDIA, status=400, body=body, headers={"X-Business-Use-Case-Usage": json.dumps(usage)})

    with pytest.raises(RateLimited) as caught:
        await connector.publish(ACCOUNT, PostContent(text="x", media=[IMAGE]), idempotency_key="a")

    assert timedelta(minutes=2) < caught.value.retry_at - datetime.now(UTC) <= timedelta(minutes=3)


async def test_a_refused_image_url_carries_the_reason(fake: FakeGraph, connector: InstagramConnector) -> None:
    body = {"error": {"message": "Only photo or video can be accepted as media type.", "code": 9004}}
    fake.faults.add("POST", MEDIA, status=400, body=body)

    with pytest.raises(RejectedContent, match="Only photo or video"):
        await connector.publish(ACCOUNT, PostContent(text="x", media=[IMAGE]), idempotency_key="a")


async def test_container_trouble_is_transient_but_publish_trouble_is_unknown(
    fake: FakeGraph, connector: InstagramConnector
) -> None:
    fake.faults.add("POST", MEDIA, status=500, body={"error": {"message": "Unknown", "code": 1}})
    with pytest.raises(TransientError):
        await connector.publish(ACCOUNT, PostContent(text="x", media=[IMAGE]), idempotency_key="a")

    fake.faults.add("POST", PUBLISH, status=500, body={"error": {"message": "Unknown", "code": 1}})
    with pytest.raises(UnknownOutcome):
        await connector.publish(ACCOUNT, PostContent(text="x", media=[IMAGE]), idempotency_key="a")


async def test_publish_that_times_out_after_sending_is_an_unknown_outcome(
    fake: FakeGraph, connector: InstagramConnector, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake.faults.add("POST", PUBLISH, status=200, body={"id": "late"}, delay=OUTLASTS_PATIENCE)

    with pytest.raises(UnknownOutcome) as caught:
        await connector.publish(ACCOUNT, PostContent(text="x", media=[IMAGE]), idempotency_key="a")

    error: NetworkError = caught.value
    assert TOKEN not in f"{error} {error.detail} {error.__cause__} {error.__context__}"
    assert TOKEN not in caplog.text
