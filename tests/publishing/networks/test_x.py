"""The X connector against a fake API v2: posts, media, threads, metrics, comments and every error class."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime

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
from chorus_publishing.adapters.networks.x import XConnector
from chorus_publishing.testing.fake_networks.common import CONNECTOR_PATIENCE, OUTLASTS_PATIENCE, serve
from chorus_publishing.testing.fake_networks.x import TOKEN, USER_ID, FakeX

pytestmark = pytest.mark.timeout(30)

CREDENTIALS = Credentials(access_token=TOKEN, account_id=USER_ID)


@pytest.fixture
def fake() -> FakeX:
    return FakeX()


@pytest.fixture
async def connector(fake: FakeX) -> AsyncIterator[XConnector]:
    async with serve(fake.app()) as url:
        connector = XConnector(api_base=url, timeout=CONNECTOR_PATIENCE)
        yield connector
        await connector.aclose()


async def test_publishes_a_post_with_its_link(fake: FakeX, connector: XConnector) -> None:
    content = PostContent(text="Spring sale", link="https://brand.example/sale")
    post = await connector.publish(CREDENTIALS, content, idempotency_key="k")

    assert fake.sent_text(post.network_post_id) == "Spring sale\n\nhttps://brand.example/sale"
    assert post.url == f"https://x.com/i/web/status/{post.network_post_id}"
    assert abs((datetime.now(UTC) - post.published_at).total_seconds()) < 5


async def test_media_is_uploaded_processed_described_and_attached(fake: FakeX, connector: XConnector) -> None:
    fake.processing_polls = 2
    image = MediaItem(content=b"png", mime_type="image/png", alt_text="A sunny terrace")
    video = MediaItem(content=b"mp4", mime_type="video/mp4", kind=MediaKind.VIDEO)
    post = await connector.publish(CREDENTIALS, PostContent(text="Summer", media=[image, video]), idempotency_key="k")

    attached = [fake.media[m] for m in fake.tweets[post.network_post_id]["media"]]
    assert [(m["category"], m["alt"], m["polls"]) for m in attached] == [
        ("tweet_image", "A sunny terrace", 2),  # images need no processing
        ("tweet_video", None, 0),  # attached only once processing succeeded
    ]


async def test_a_thread_replies_to_the_previous_post_and_the_first_comment_to_the_first(
    fake: FakeX, connector: XConnector
) -> None:
    content = PostContent(text="1/3", thread=["2/3", "3/3"], first_comment="More below")
    post = await connector.publish(CREDENTIALS, content, idempotency_key="k")

    second, third = (fake.tweets[i] for i in post.thread_ids)
    assert second["referenced_tweets"] == [{"type": "replied_to", "id": post.network_post_id}]
    assert third["referenced_tweets"] == [{"type": "replied_to", "id": second["id"]}]
    (comment,) = (t for t in fake.tweets.values() if t["sent_text"] == "More below")
    assert comment["referenced_tweets"] == [{"type": "replied_to", "id": post.network_post_id}]


async def test_a_failed_thread_item_ends_the_thread_without_failing_the_post(
    fake: FakeX, connector: XConnector, caplog: pytest.LogCaptureFixture
) -> None:
    post = await connector.publish(CREDENTIALS, PostContent(text="a", thread=["a", "b"]), idempotency_key="k")

    assert post.network_post_id in fake.tweets
    assert post.thread_ids == ()  # the duplicate "a" was refused, so "b" was not sent out of order
    assert "duplicate content" in caplog.text


async def test_delete_removes_the_post_and_deleting_it_again_is_fine(fake: FakeX, connector: XConnector) -> None:
    post = await connector.publish(CREDENTIALS, PostContent(text="Oops"), idempotency_key="k")
    await connector.delete(CREDENTIALS, post.network_post_id)
    await connector.delete(CREDENTIALS, post.network_post_id)
    assert post.network_post_id not in fake.tweets


async def test_metrics_read_public_and_owner_only_counters(fake: FakeX, connector: XConnector) -> None:
    fake.omitted_fields = {"bookmark_count"}
    post = await connector.publish(CREDENTIALS, PostContent(text="Count me"), idempotency_key="k")

    metrics = await connector.fetch_metrics(CREDENTIALS, post.network_post_id)

    assert {(v.name, v.value, v.api_field) for v in metrics.values} == {
        ("impressions", 1000, "non_public_metrics.impression_count"),
        ("likes", 40, "public_metrics.like_count"),
        ("shares", 5, "public_metrics.retweet_count"),
        ("comments", 2, "public_metrics.reply_count"),
        ("quotes", 1, "public_metrics.quote_count"),
        ("saves", None, "public_metrics.bookmark_count"),  # no longer offered: missing, not zero
        ("clicks", 17, "non_public_metrics.url_link_clicks"),
    }


async def test_an_old_posts_metrics_fall_back_to_the_public_ones(fake: FakeX, connector: XConnector) -> None:
    post = await connector.publish(CREDENTIALS, PostContent(text="Old news"), idempotency_key="k")
    fake.old_posts.add(post.network_post_id)

    metrics = {v.name: v for v in (await connector.fetch_metrics(CREDENTIALS, post.network_post_id)).values}

    assert (metrics["impressions"].value, metrics["impressions"].api_field) == (900, "public_metrics.impression_count")
    assert metrics["clicks"].value is None
    assert metrics["likes"].value == 40


async def test_comments_are_the_conversations_replies(fake: FakeX, connector: XConnector) -> None:
    post = await connector.publish(CREDENTIALS, PostContent(text="Ask me"), idempotency_key="k")
    question = fake.add_reply_from_someone(post.network_post_id, "Price?")
    fake.add_reply_from_someone(question, "And shipping?")

    comments = await connector.fetch_comments(CREDENTIALS, post.network_post_id)

    assert [(c.author_handle, c.text, c.in_reply_to) for c in comments] == [
        ("fan", "Price?", post.network_post_id),
        ("fan", "And shipping?", question),
    ]


async def test_find_post_recognises_the_post_although_x_rewrote_its_link(fake: FakeX, connector: XConnector) -> None:
    content = PostContent(text="Fish & chips", link="https://brand.example/menu")
    post = await connector.publish(CREDENTIALS, content, idempotency_key="k")
    await connector.publish(CREDENTIALS, PostContent(text="Other"), idempotency_key="k2")

    found = await connector.find_post(Credentials(access_token=TOKEN), idempotency_key="k", text=content.text)

    assert fake.tweets[post.network_post_id]["text"].endswith("https://t.co/abc123XYZ")
    assert found is not None
    assert found.network_post_id == post.network_post_id
    assert await connector.find_post(CREDENTIALS, idempotency_key="k3", text="Never sent") is None


async def test_a_bad_token_is_an_auth_error(connector: XConnector) -> None:
    with pytest.raises(AuthError) as raised:
        await connector.publish(Credentials(access_token="expired"), PostContent(text="x"), idempotency_key="k")
    assert raised.value.status == 401


async def test_a_duplicate_is_rejected_content_not_a_disconnection(connector: XConnector) -> None:
    await connector.publish(CREDENTIALS, PostContent(text="Same"), idempotency_key="k1")
    with pytest.raises(RejectedContent) as raised:
        await connector.publish(CREDENTIALS, PostContent(text="Same"), idempotency_key="k2")
    assert raised.value.detail == "You are not allowed to create a Tweet with duplicate content."


async def test_a_forbidden_action_is_an_auth_error(fake: FakeX, connector: XConnector) -> None:
    body = {"title": "Forbidden", "detail": "You are not permitted to perform this action.", "status": 403}
    fake.faults.add("POST", "/2/tweets", status=403, body=body)
    with pytest.raises(AuthError):
        await connector.publish(CREDENTIALS, PostContent(text="x"), idempotency_key="k")


async def test_too_long_a_post_is_rejected_with_xs_reason(connector: XConnector) -> None:
    with pytest.raises(RejectedContent) as raised:
        await connector.publish(CREDENTIALS, PostContent(text="x" * 281), idempotency_key="k")
    assert raised.value.detail == "Your Tweet text is too long."


async def test_429_is_rate_limited_until_x_rate_limit_reset(fake: FakeX, connector: XConnector) -> None:
    headers = {"x-rate-limit-limit": "200", "x-rate-limit-remaining": "0", "x-rate-limit-reset": "1772366700"}
    fake.faults.add("POST", "/2/tweets", status=429, body={"title": "Too Many Requests"}, headers=headers)

    with pytest.raises(RateLimited) as raised:
        await connector.publish(CREDENTIALS, PostContent(text="x"), idempotency_key="k")

    assert raised.value.retry_at == datetime(2026, 3, 1, 12, 5, tzinfo=UTC)


async def test_a_spent_daily_cap_waits_for_its_own_reset(fake: FakeX, connector: XConnector) -> None:
    headers = {
        "x-rate-limit-remaining": "99",
        "x-rate-limit-reset": "1772366700",
        "x-user-limit-24hour-limit": "17",
        "x-user-limit-24hour-remaining": "0",
        "x-user-limit-24hour-reset": "1772449200",
    }
    fake.faults.add("POST", "/2/tweets", status=429, body={"title": "Too Many Requests"}, headers=headers)

    with pytest.raises(RateLimited) as raised:
        await connector.publish(CREDENTIALS, PostContent(text="x"), idempotency_key="k")

    assert raised.value.retry_at == datetime(2026, 3, 2, 11, 0, tzinfo=UTC)


async def test_503_on_create_is_an_unknown_outcome_elsewhere_transient(fake: FakeX, connector: XConnector) -> None:
    fake.faults.add("POST", "/2/tweets", status=503, body={"title": "Service Unavailable"})
    fake.faults.add("GET", "/2/tweets/", status=503, body={"title": "Service Unavailable"})

    with pytest.raises(UnknownOutcome):
        await connector.publish(CREDENTIALS, PostContent(text="x"), idempotency_key="k")
    with pytest.raises(TransientError):
        await connector.fetch_metrics(CREDENTIALS, "1")


async def test_no_answer_to_a_create_is_an_unknown_outcome(fake: FakeX, connector: XConnector) -> None:
    fake.faults.add("POST", "/2/tweets", status=201, body={}, delay=OUTLASTS_PATIENCE)
    with pytest.raises(UnknownOutcome):
        await connector.publish(CREDENTIALS, PostContent(text="x"), idempotency_key="k")


async def test_the_token_never_appears_in_errors_or_logs(
    fake: FakeX, connector: XConnector, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake.faults.add("POST", "/2/tweets", status=400, body={"errors": [{"message": "bad"}]})
    fake.faults.add("GET", "/2/tweets/", status=429, body={})
    errors: list[NetworkError] = []
    for call in (
        connector.publish(CREDENTIALS, PostContent(text="x"), idempotency_key="k"),
        connector.fetch_metrics(CREDENTIALS, "1"),
        connector.delete(Credentials(access_token=TOKEN + "-old"), "1"),
    ):
        with pytest.raises(NetworkError) as raised:
            await call
        errors.append(raised.value)

    assert caplog.text
    assert TOKEN not in caplog.text
    for error in errors:
        assert TOKEN not in str(error)
        assert TOKEN not in repr(vars(error))
