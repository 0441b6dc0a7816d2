"""The Mastodon connector against a fake instance speaking the statuses, media and accounts API."""

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
from chorus_publishing.adapters.networks.mastodon import MastodonConnector
from chorus_publishing.testing.fake_networks.common import CONNECTOR_PATIENCE, OUTLASTS_PATIENCE, serve
from chorus_publishing.testing.fake_networks.mastodon import ACCOUNT_ID, TOKEN, FakeMastodon

pytestmark = pytest.mark.timeout(30)


@pytest.fixture
def fake() -> FakeMastodon:
    return FakeMastodon()


@pytest.fixture
async def credentials(fake: FakeMastodon) -> AsyncIterator[Credentials]:
    async with serve(fake.app()) as url:
        yield Credentials(access_token=TOKEN, account_id=ACCOUNT_ID, instance_url=url)


@pytest.fixture
async def connector() -> AsyncIterator[MastodonConnector]:
    connector = MastodonConnector(timeout=CONNECTOR_PATIENCE, media_poll_interval=0.01)
    yield connector
    await connector.aclose()


async def test_publishes_a_status_with_the_attempts_idempotency_key(
    fake: FakeMastodon, credentials: Credentials, connector: MastodonConnector
) -> None:
    post = await connector.publish(credentials, PostContent(text="Hello fediverse"), idempotency_key="attempt-1")

    status = fake.statuses[post.network_post_id]
    assert status["content"] == "<p>Hello fediverse</p>"
    assert post.url == status["url"]
    assert abs((datetime.now(UTC) - post.published_at).total_seconds()) < 5
    create = next(r for r in fake.seen if r.method == "POST" and r.path == "/api/v1/statuses")
    assert create.headers["idempotency-key"] == "attempt-1"


async def test_the_same_attempt_sent_twice_is_one_status(
    fake: FakeMastodon, credentials: Credentials, connector: MastodonConnector
) -> None:
    first = await connector.publish(credentials, PostContent(text="Once"), idempotency_key="attempt-1")
    again = await connector.publish(credentials, PostContent(text="Once"), idempotency_key="attempt-1")

    assert again.network_post_id == first.network_post_id
    assert len(fake.statuses) == 1


async def test_the_variants_link_ends_the_status(
    fake: FakeMastodon, credentials: Credentials, connector: MastodonConnector
) -> None:
    content = PostContent(text="New article", link="https://brand.example/a")
    post = await connector.publish(credentials, content, idempotency_key="k")

    assert fake.statuses[post.network_post_id]["content"] == "<p>New article<br><br>https://brand.example/a</p>"


async def test_media_is_uploaded_with_its_alt_text_and_attached(
    fake: FakeMastodon, credentials: Credentials, connector: MastodonConnector
) -> None:
    fake.processing_polls = 2
    image = MediaItem(content=b"jpeg", alt_text="A red bicycle")
    video = MediaItem(content=b"mp4", mime_type="video/mp4", kind=MediaKind.VIDEO, alt_text="A ride")
    post = await connector.publish(credentials, PostContent(text="Ride", media=[image, video]), idempotency_key="k")

    attached = fake.statuses[post.network_post_id]["media_attachments"]
    assert [(m["type"], m["description"]) for m in attached] == [("image", "A red bicycle"), ("video", "A ride")]
    assert all(m["url"] for m in attached)  # the video was attached only once processed


async def test_a_thread_is_a_chain_of_replies_and_the_first_comment_answers_the_first_item(
    fake: FakeMastodon, credentials: Credentials, connector: MastodonConnector
) -> None:
    content = PostContent(text="1/3", thread=["2/3", "3/3"], first_comment="Sources in the replies")
    post = await connector.publish(credentials, content, idempotency_key="k")

    second, third = (fake.statuses[i] for i in post.thread_ids)
    assert (second["content"], second["in_reply_to_id"]) == ("<p>2/3</p>", post.network_post_id)
    assert (third["content"], third["in_reply_to_id"]) == ("<p>3/3</p>", second["id"])
    comment = next(s for s in fake.statuses.values() if s["content"] == "<p>Sources in the replies</p>")
    assert comment["in_reply_to_id"] == post.network_post_id


async def test_a_refused_first_comment_does_not_fail_the_published_post(
    fake: FakeMastodon, credentials: Credentials, connector: MastodonConnector, caplog: pytest.LogCaptureFixture
) -> None:
    fake.max_characters = 10
    content = PostContent(text="Short", first_comment="This comment is too long for the instance")
    post = await connector.publish(credentials, content, idempotency_key="k")

    assert post.network_post_id in fake.statuses
    assert "character limit" in caplog.text


async def test_delete_removes_the_status_and_deleting_it_again_is_fine(
    fake: FakeMastodon, credentials: Credentials, connector: MastodonConnector
) -> None:
    post = await connector.publish(credentials, PostContent(text="Oops"), idempotency_key="k")

    await connector.delete(credentials, post.network_post_id)
    await connector.delete(credentials, post.network_post_id)

    assert post.network_post_id not in fake.statuses


async def test_metrics_come_from_the_status_and_what_is_not_offered_is_missing(
    fake: FakeMastodon, credentials: Credentials, connector: MastodonConnector
) -> None:
    fake.omitted_fields = {"replies_count"}
    post = await connector.publish(credentials, PostContent(text="Count me"), idempotency_key="k")

    metrics = await connector.fetch_metrics(credentials, post.network_post_id)

    assert {(v.name, v.value, v.api_field) for v in metrics.values} == {
        ("likes", 7, "favourites_count"),
        ("shares", 3, "reblogs_count"),
        ("comments", None, "replies_count"),  # the server stopped sending it: missing, not zero
        ("impressions", None, ""),
    }


async def test_comments_are_the_statuses_descendants(
    fake: FakeMastodon, credentials: Credentials, connector: MastodonConnector
) -> None:
    post = await connector.publish(credentials, PostContent(text="Ask me"), idempotency_key="k")
    question = fake.add_reply_from_someone(post.network_post_id, "Is it <vegan> & cheap?")
    fake.add_reply_from_someone(question, "Follow-up")

    comments = await connector.fetch_comments(credentials, post.network_post_id)

    assert [(c.author_handle, c.text, c.in_reply_to) for c in comments] == [
        ("fan@elsewhere.example", "Is it <vegan> & cheap?", post.network_post_id),
        ("fan@elsewhere.example", "Follow-up", question),
    ]


async def test_find_post_recognises_the_status_by_its_text(
    fake: FakeMastodon, credentials: Credentials, connector: MastodonConnector
) -> None:
    content = PostContent(text="Hi @alice@example.social & all", link="https://brand.example/x")
    post = await connector.publish(credentials, content, idempotency_key="k")
    await connector.publish(credentials, PostContent(text="Something else"), idempotency_key="other")
    fake.statuses[post.network_post_id]["content"] = (
        '<p>Hi <span class="h-card"><a href="https://example.social/@alice">@<span>alice</span></a></span> &amp; all'
        '<br><br><a href="https://brand.example/x"><span class="invisible">https://</span>brand.example/x</a></p>'
    )
    without_account = Credentials(access_token=TOKEN, instance_url=credentials.instance_url)

    found = await connector.find_post(without_account, idempotency_key="k", text=content.text)
    missing = await connector.find_post(credentials, idempotency_key="k2", text="Never sent")

    assert found is not None
    assert found.network_post_id == post.network_post_id
    assert missing is None


async def test_a_bad_token_is_an_auth_error(credentials: Credentials, connector: MastodonConnector) -> None:
    revoked = Credentials(access_token="revoked", account_id=ACCOUNT_ID, instance_url=credentials.instance_url)
    with pytest.raises(AuthError) as raised:
        await connector.publish(revoked, PostContent(text="x"), idempotency_key="k")
    assert raised.value.status == 401


async def test_too_long_a_status_is_rejected_with_the_instances_reason(
    credentials: Credentials, connector: MastodonConnector
) -> None:
    with pytest.raises(RejectedContent) as raised:
        await connector.publish(credentials, PostContent(text="x" * 501), idempotency_key="k")
    assert raised.value.detail == "Validation failed: Text character limit of 500 exceeded"


async def test_429_is_rate_limited_until_the_instances_reset_time(
    fake: FakeMastodon, credentials: Credentials, connector: MastodonConnector
) -> None:
    reset = "2026-03-01T12:05:00.000Z"
    headers = {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}
    fake.faults.add("POST", "/api/v1/statuses", status=429, body={"error": "Too many requests"}, headers=headers)

    with pytest.raises(RateLimited) as raised:
        await connector.publish(credentials, PostContent(text="x"), idempotency_key="k")

    assert raised.value.retry_at == datetime(2026, 3, 1, 12, 5, tzinfo=UTC)


async def test_a_5xx_on_create_is_an_unknown_outcome_elsewhere_transient(
    fake: FakeMastodon, credentials: Credentials, connector: MastodonConnector
) -> None:
    fake.faults.add("POST", "/api/v1/statuses", status=503, body={"error": "unavailable"})
    fake.faults.add("GET", "/api/v1/statuses/", status=502, body={"error": "bad gateway"})

    with pytest.raises(UnknownOutcome):
        await connector.publish(credentials, PostContent(text="x"), idempotency_key="k")
    with pytest.raises(TransientError):
        await connector.fetch_metrics(credentials, "1000")


async def test_no_answer_to_a_create_is_an_unknown_outcome(
    fake: FakeMastodon, credentials: Credentials, connector: MastodonConnector
) -> None:
    fake.faults.add("POST", "/api/v1/statuses", status=200, body={}, delay=OUTLASTS_PATIENCE)

    with pytest.raises(UnknownOutcome):
        await connector.publish(credentials, PostContent(text="x"), idempotency_key="k")


async def test_an_unreachable_instance_is_transient(connector: MastodonConnector) -> None:
    nowhere = Credentials(access_token=TOKEN, account_id=ACCOUNT_ID, instance_url="http://127.0.0.1:9")
    with pytest.raises(TransientError):
        await connector.publish(nowhere, PostContent(text="x"), idempotency_key="k")


async def test_the_token_never_appears_in_errors_or_logs(
    fake: FakeMastodon, credentials: Credentials, connector: MastodonConnector, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake.faults.add("POST", "/api/v1/statuses", status=422, body={"error": "nope"})
    fake.faults.add("GET", "/api/v1/statuses/", status=429, body={})
    errors: list[NetworkError] = []
    for call in (
        connector.publish(credentials, PostContent(text="x"), idempotency_key="k"),
        connector.fetch_metrics(credentials, "1"),
        connector.delete(Credentials(access_token=TOKEN + "x", instance_url=credentials.instance_url), "1"),
    ):
        with pytest.raises(NetworkError) as raised:
            await call
        errors.append(raised.value)

    assert caplog.text
    assert TOKEN not in caplog.text
    for error in errors:
        assert TOKEN not in str(error)
        assert TOKEN not in repr(vars(error))
    assert TOKEN not in repr(credentials)
