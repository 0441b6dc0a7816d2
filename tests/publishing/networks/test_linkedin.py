"""The LinkedIn connector against a fake of the versioned REST API (Posts, Images, socialActions, statistics)."""

from __future__ import annotations

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
from chorus_publishing.adapters.networks.linkedin import LinkedInConnector
from chorus_publishing.testing.fake_networks.common import CONNECTOR_PATIENCE, OUTLASTS_PATIENCE, serve
from chorus_publishing.testing.fake_networks.linkedin import MEMBER, ORGANIZATION, TOKEN, FakeLinkedIn, create_app

pytestmark = pytest.mark.timeout(30)

COMPANY = Credentials(access_token=TOKEN, account_id=ORGANIZATION)
PERSON = Credentials(access_token=TOKEN, account_id=MEMBER)
PHOTO = MediaItem(content=b"\x89PNG-bytes", mime_type="image/png", alt_text="Our team")


@pytest.fixture
def fake() -> FakeLinkedIn:
    return FakeLinkedIn()


@pytest.fixture
async def connector(fake: FakeLinkedIn) -> AsyncIterator[LinkedInConnector]:
    async with serve(create_app(fake)) as url:
        connector = LinkedInConnector(base_url=url, client=httpx.AsyncClient(timeout=CONNECTOR_PATIENCE))
        yield connector
        await connector.aclose()


async def test_publishes_a_post_with_the_versioned_headers(fake: FakeLinkedIn, connector: LinkedInConnector) -> None:
    post = await connector.publish(COMPANY, PostContent(text="We are hiring"), idempotency_key="a")

    stored = fake.posts[post.network_post_id]
    assert (stored["author"], stored["commentary"], stored["visibility"]) == (ORGANIZATION, "We are hiring", "PUBLIC")
    assert stored["distribution"]["feedDistribution"] == "MAIN_FEED"
    assert post.url == f"https://www.linkedin.com/feed/update/{post.network_post_id}/"
    create = next(r for r in fake.seen if r.method == "POST" and r.path == "/rest/posts")
    assert create.headers["linkedin-version"].isdigit()
    assert create.headers["x-restli-protocol-version"] == "2.0.0"


async def test_reserved_characters_are_escaped_and_the_link_appended(
    fake: FakeLinkedIn, connector: LinkedInConnector
) -> None:
    content = PostContent(text="Q&A (live) #hiring @acme", link="https://acme.test/jobs")

    post = await connector.publish(COMPANY, content, idempotency_key="a")

    assert (
        fake.posts[post.network_post_id]["commentary"] == r"Q&A \(live\) \#hiring \@acme" + "\n\nhttps://acme.test/jobs"
    )


async def test_images_are_uploaded_then_attached_with_alt_text(
    fake: FakeLinkedIn, connector: LinkedInConnector
) -> None:
    one = await connector.publish(COMPANY, PostContent(text="One", media=[PHOTO]), idempotency_key="a")
    many = await connector.publish(COMPANY, PostContent(text="Two", media=[PHOTO, PHOTO]), idempotency_key="b")

    single = fake.posts[one.network_post_id]["content"]["media"]
    assert single["altText"] == "Our team"
    assert fake.images[single["id"]] == len(PHOTO.content)
    assert len(fake.posts[many.network_post_id]["content"]["multiImage"]["images"]) == 2


async def test_video_is_refused_before_anything_is_sent(fake: FakeLinkedIn, connector: LinkedInConnector) -> None:
    video = MediaItem(content=b"mp4", kind=MediaKind.VIDEO, mime_type="video/mp4")

    with pytest.raises(RejectedContent):
        await connector.publish(COMPANY, PostContent(text="x", media=[video]), idempotency_key="a")
    assert fake.seen == []


async def test_first_comment_is_a_comment_by_the_author(fake: FakeLinkedIn, connector: LinkedInConnector) -> None:
    post = await connector.publish(COMPANY, PostContent(text="Hi", first_comment="Apply here"), idempotency_key="a")

    [comment] = fake.comments[post.network_post_id]
    assert (comment["actor"], comment["message"]["text"]) == (ORGANIZATION, "Apply here")


async def test_delete_and_find_post(fake: FakeLinkedIn, connector: LinkedInConnector) -> None:
    post = await connector.publish(COMPANY, PostContent(text="Find (me)"), idempotency_key="a")

    found = await connector.find_post(COMPANY, idempotency_key="a", text="Find (me)")
    assert found is not None
    assert found.network_post_id == post.network_post_id
    assert await connector.find_post(COMPANY, idempotency_key="b", text="Never sent") is None

    await connector.delete(COMPANY, post.network_post_id)
    assert fake.live_posts() == []
    assert await connector.find_post(COMPANY, idempotency_key="a", text="Find (me)") is None


async def test_organization_metrics_keep_missing_apart_from_zero(
    fake: FakeLinkedIn, connector: LinkedInConnector
) -> None:
    post = await connector.publish(COMPANY, PostContent(text="Counted"), idempotency_key="a")
    fake.share_statistics[post.network_post_id] = {"impressionCount": 120, "likeCount": 0, "commentCount": 2}

    metrics = await connector.fetch_metrics(COMPANY, post.network_post_id)

    values = {m.name: m.value for m in metrics.values}
    assert values == {"impressions": 120, "reach": None, "clicks": None, "likes": 0, "comments": 2, "shares": None}


async def test_member_metrics_are_likes_and_comments(fake: FakeLinkedIn, connector: LinkedInConnector) -> None:
    post = await connector.publish(PERSON, PostContent(text="Mine"), idempotency_key="a")
    fake.social_actions[post.network_post_id] = {
        "likesSummary": {"totalLikes": 5},
        "commentsSummary": {"aggregatedTotalComments": 0},
    }

    metrics = await connector.fetch_metrics(PERSON, post.network_post_id)

    assert {m.name: m.value for m in metrics.values} == {"likes": 5, "comments": 0}


async def test_comments_are_read_back(fake: FakeLinkedIn, connector: LinkedInConnector) -> None:
    post = await connector.publish(COMPANY, PostContent(text="Talk"), idempotency_key="a")
    fake.comment_from_someone(post.network_post_id, "Congrats!")

    [comment] = await connector.fetch_comments(COMPANY, post.network_post_id)

    assert (comment.author_handle, comment.text) == ("urn:li:person:fan", "Congrats!")
    assert abs(comment.created_at - datetime.now(UTC)) < timedelta(seconds=5)


async def test_an_invalid_token_is_an_auth_error(connector: LinkedInConnector) -> None:
    with pytest.raises(AuthError, match="Invalid access token"):
        await connector.publish(
            Credentials(access_token="old", account_id=ORGANIZATION), PostContent(text="x"), idempotency_key="a"
        )


async def test_a_missing_permission_is_an_auth_error(fake: FakeLinkedIn, connector: LinkedInConnector) -> None:
    fake.faults.add("POST", "/rest/posts", status=403, body={"status": 403, "message": "Not enough permissions"})

    with pytest.raises(AuthError):
        await connector.publish(COMPANY, PostContent(text="x"), idempotency_key="a")


async def test_too_long_commentary_is_rejected_with_linkedins_message(connector: LinkedInConnector) -> None:
    with pytest.raises(RejectedContent) as caught:
        await connector.publish(COMPANY, PostContent(text="x" * 3001), idempotency_key="a")

    assert (caught.value.status, caught.value.detail) == (422, "/commentary :: length must be less than 3000")


async def test_a_duplicate_is_rejected_with_linkedins_message(fake: FakeLinkedIn, connector: LinkedInConnector) -> None:
    fake.faults.add("POST", "/rest/posts", status=400, body={"status": 400, "message": "Content is a duplicate"})

    with pytest.raises(RejectedContent) as caught:
        await connector.publish(COMPANY, PostContent(text="dup"), idempotency_key="a")

    assert (caught.value.status, caught.value.detail) == (400, "Content is a duplicate")


async def test_429_waits_for_retry_after_when_given(fake: FakeLinkedIn, connector: LinkedInConnector) -> None:
    fake.faults.add("POST", "/rest/posts", status=429, body={"status": 429}, headers={"Retry-After": "120"})

    with pytest.raises(RateLimited) as caught:
        await connector.publish(COMPANY, PostContent(text="x"), idempotency_key="a")

    assert timedelta(seconds=115) < caught.value.retry_at - datetime.now(UTC) <= timedelta(seconds=120)


async def test_429_without_a_header_waits_the_stated_default(fake: FakeLinkedIn, connector: LinkedInConnector) -> None:
    fake.faults.add("GET", "/rest/socialActions/", status=429, body={"status": 429, "message": "Throttled"})

    with pytest.raises(RateLimited) as caught:
        await connector.fetch_comments(COMPANY, "urn:li:share:1")

    assert timedelta(minutes=14) < caught.value.retry_at - datetime.now(UTC) <= timedelta(minutes=15)


async def test_5xx_is_transient_on_reads_and_unknown_on_create(
    fake: FakeLinkedIn, connector: LinkedInConnector
) -> None:
    fake.faults.add("GET", "/rest/socialActions/", status=503, body={"status": 503})
    fake.faults.add("POST", "/rest/posts", status=500, body={"status": 500})

    with pytest.raises(TransientError):
        await connector.fetch_comments(COMPANY, "urn:li:share:1")
    with pytest.raises(UnknownOutcome):
        await connector.publish(COMPANY, PostContent(text="x"), idempotency_key="a")


async def test_a_failed_image_upload_is_retryable_not_unknown(fake: FakeLinkedIn, connector: LinkedInConnector) -> None:
    fake.faults.add("PUT", "/dms-uploads/", status=500, body=None)

    with pytest.raises(TransientError):
        await connector.publish(COMPANY, PostContent(text="x", media=[PHOTO]), idempotency_key="a")
    assert fake.live_posts() == []


async def test_a_create_that_times_out_after_sending_is_unknown_and_leaks_no_token(
    fake: FakeLinkedIn, connector: LinkedInConnector, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake.faults.add("POST", "/rest/posts", status=201, body=None, delay=OUTLASTS_PATIENCE)
    fake.faults.add("POST", "/rest/socialActions/", status=500, body={"status": 500, "message": "down"})
    errors: list[NetworkError] = []

    with pytest.raises(UnknownOutcome) as caught:
        await connector.publish(COMPANY, PostContent(text="x"), idempotency_key="a")
    errors.append(caught.value)
    with pytest.raises(AuthError) as refused:
        await connector.publish(
            Credentials(access_token="wrong", account_id=ORGANIZATION), PostContent(text="y"), idempotency_key="b"
        )
    errors.append(refused.value)
    await connector.publish(COMPANY, PostContent(text="z", first_comment="c"), idempotency_key="c")

    for error in errors:
        assert TOKEN not in f"{error} {error.detail} {error.__cause__} {error.__context__}"
    assert "first comment" in caplog.text
    assert TOKEN not in caplog.text
