"""The Bluesky connector against a fake PDS speaking XRPC: sessions, records, blobs, feed views and errors."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from chorus_publishing.adapters.networks.bluesky import BlueskyConnector
from chorus_publishing.adapters.networks.connector import Credentials, MediaItem, PostContent
from chorus_publishing.adapters.networks.errors import (
    AuthError,
    NetworkError,
    RateLimited,
    RejectedContent,
    TransientError,
    UnknownOutcome,
)
from chorus_publishing.testing.fake_networks.bluesky import APP_PASSWORD, DID, HANDLE, FakeBluesky
from chorus_publishing.testing.fake_networks.common import CONNECTOR_PATIENCE, OUTLASTS_PATIENCE, serve

pytestmark = pytest.mark.timeout(30)


@pytest.fixture
def fake() -> FakeBluesky:
    return FakeBluesky()


@pytest.fixture
async def credentials(fake: FakeBluesky) -> AsyncIterator[Credentials]:
    async with serve(fake.app()) as url:
        yield Credentials(access_token=APP_PASSWORD, account_id=HANDLE, instance_url=url)


@pytest.fixture
async def connector() -> AsyncIterator[BlueskyConnector]:
    connector = BlueskyConnector(timeout=CONNECTOR_PATIENCE)
    yield connector
    await connector.aclose()


async def test_publishes_a_post_record_with_link_and_tag_facets_at_byte_offsets(
    fake: FakeBluesky, credentials: Credentials, connector: BlueskyConnector
) -> None:
    text = "Café ☕ #launch"
    post = await connector.publish(
        credentials, PostContent(text=text, link="https://brand.example/a"), idempotency_key="k"
    )

    record = fake.records[post.network_post_id]["value"]
    encoded = record["text"].encode()
    spans = [encoded[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode() for f in record["facets"]]
    assert record["text"] == "Café ☕ #launch\n\nhttps://brand.example/a"
    assert spans == ["#launch", "https://brand.example/a"]
    assert record["embed"]["external"]["uri"] == "https://brand.example/a"
    assert post.network_post_id.startswith(f"at://{DID}/app.bsky.feed.post/")
    assert post.url == f"https://bsky.app/profile/{DID}/post/{post.network_post_id.rsplit('/', 1)[1]}"
    assert abs((datetime.now(UTC) - post.published_at).total_seconds()) < 5


async def test_images_are_uploaded_as_blobs_and_embedded_with_alt_text(
    fake: FakeBluesky, credentials: Credentials, connector: BlueskyConnector
) -> None:
    media = [MediaItem(content=b"png-bytes", mime_type="image/png", alt_text="Our new logo"), MediaItem(content=b"jpg")]
    post = await connector.publish(credentials, PostContent(text="Look", media=media), idempotency_key="k")

    images = fake.records[post.network_post_id]["value"]["embed"]["images"]
    assert [(i["alt"], i["image"]["mimeType"]) for i in images] == [("Our new logo", "image/png"), ("", "image/jpeg")]
    assert fake.blobs[images[0]["image"]["ref"]["$link"]] == b"png-bytes"


async def test_a_thread_replies_with_root_and_parent_and_the_first_comment_answers_the_root(
    fake: FakeBluesky, credentials: Credentials, connector: BlueskyConnector
) -> None:
    content = PostContent(text="1/3", thread=["2/3", "3/3"], first_comment="Link in bio")
    post = await connector.publish(credentials, content, idempotency_key="k")

    second, third = (fake.records[uri]["value"] for uri in post.thread_ids)
    assert second["reply"]["root"]["uri"] == second["reply"]["parent"]["uri"] == post.network_post_id
    assert (third["reply"]["root"]["uri"], third["reply"]["parent"]["uri"]) == (
        post.network_post_id,
        post.thread_ids[0],
    )
    (comment,) = fake.posts_by_text("Link in bio")
    assert comment["value"]["reply"]["parent"]["uri"] == post.network_post_id


async def test_one_session_serves_many_calls_and_an_expired_one_is_refreshed(
    fake: FakeBluesky, credentials: Credentials, connector: BlueskyConnector
) -> None:
    await connector.publish(credentials, PostContent(text="one"), idempotency_key="k1")
    fake.expire_access_tokens()
    await connector.publish(credentials, PostContent(text="two"), idempotency_key="k2")

    assert [r["value"]["text"] for r in fake.records.values()] == ["one", "two"]  # sent once each
    refreshes = [r for r in fake.seen if r.path.endswith("refreshSession")]
    assert (fake.sessions_created, len(refreshes)) == (2, 1)  # created, then refreshed: never re-created


async def test_a_revoked_refresh_token_falls_back_to_the_app_password(
    fake: FakeBluesky, credentials: Credentials, connector: BlueskyConnector
) -> None:
    await connector.publish(credentials, PostContent(text="one"), idempotency_key="k1")
    fake.expire_access_tokens()
    fake.refresh_tokens.clear()

    await connector.publish(credentials, PostContent(text="two"), idempotency_key="k2")

    assert fake.sessions_created == 2
    assert len(fake.posts_by_text("two")) == 1


async def test_delete_removes_the_record(
    fake: FakeBluesky, credentials: Credentials, connector: BlueskyConnector
) -> None:
    post = await connector.publish(credentials, PostContent(text="Oops"), idempotency_key="k")
    await connector.delete(credentials, post.network_post_id)
    assert post.network_post_id not in fake.records


async def test_metrics_come_from_the_post_view_and_missing_counters_stay_missing(
    fake: FakeBluesky, credentials: Credentials, connector: BlueskyConnector
) -> None:
    fake.omitted_fields = {"quoteCount"}
    post = await connector.publish(credentials, PostContent(text="Count me"), idempotency_key="k")

    metrics = await connector.fetch_metrics(credentials, post.network_post_id)

    assert {(v.name, v.value, v.api_field) for v in metrics.values} == {
        ("likes", 12, "likeCount"),
        ("shares", 4, "repostCount"),
        ("comments", 1, "replyCount"),
        ("quotes", None, "quoteCount"),
        ("impressions", None, ""),
    }


async def test_comments_are_the_replies_in_the_post_thread(
    fake: FakeBluesky, credentials: Credentials, connector: BlueskyConnector
) -> None:
    post = await connector.publish(credentials, PostContent(text="Ask me"), idempotency_key="k")
    question = fake.add_reply_from_someone(post.network_post_id, "When?")
    fake.add_reply_from_someone(question, "Also where?")

    comments = await connector.fetch_comments(credentials, post.network_post_id)

    assert [(c.author_handle, c.text, c.in_reply_to) for c in comments] == [
        ("fan.bsky.example", "When?", post.network_post_id),
        ("fan.bsky.example", "Also where?", question),
    ]


async def test_find_post_recognises_the_record_by_its_text(
    fake: FakeBluesky, credentials: Credentials, connector: BlueskyConnector
) -> None:
    content = PostContent(text="Find me", link="https://brand.example/f")
    post = await connector.publish(credentials, content, idempotency_key="k")
    await connector.publish(credentials, PostContent(text="Other"), idempotency_key="k2")

    found = await connector.find_post(credentials, idempotency_key="k", text="Find me")

    assert found is not None
    assert found.network_post_id == post.network_post_id
    assert await connector.find_post(credentials, idempotency_key="k3", text="Never sent") is None


async def test_a_wrong_app_password_is_an_auth_error(credentials: Credentials, connector: BlueskyConnector) -> None:
    wrong = Credentials(access_token="wrong-password", account_id=HANDLE, instance_url=credentials.instance_url)
    with pytest.raises(AuthError):
        await connector.publish(wrong, PostContent(text="x"), idempotency_key="k")


async def test_a_token_the_pds_keeps_refusing_is_an_auth_error(
    fake: FakeBluesky, credentials: Credentials, connector: BlueskyConnector
) -> None:
    await connector.publish(credentials, PostContent(text="one"), idempotency_key="k1")
    refused = {"error": "InvalidToken", "message": "Bad token signature"}
    fake.faults.add("POST", "/xrpc/com.atproto.repo.createRecord", status=400, body=refused)
    fake.faults.add("POST", "/xrpc/com.atproto.repo.createRecord", status=400, body=refused)

    with pytest.raises(AuthError) as raised:
        await connector.publish(credentials, PostContent(text="two"), idempotency_key="k2")
    assert raised.value.detail == "InvalidToken: Bad token signature"


async def test_too_long_a_post_is_rejected_with_the_pds_reason(
    credentials: Credentials, connector: BlueskyConnector
) -> None:
    with pytest.raises(RejectedContent) as raised:
        await connector.publish(credentials, PostContent(text="é" * 301), idempotency_key="k")
    assert raised.value.detail is not None
    assert "must not be longer than 300 graphemes" in raised.value.detail


async def test_429_is_rate_limited_until_ratelimit_reset(
    fake: FakeBluesky, credentials: Credentials, connector: BlueskyConnector
) -> None:
    headers = {"ratelimit-limit": "5000", "ratelimit-remaining": "0", "ratelimit-reset": "1772366700"}
    body = {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"}
    fake.faults.add("POST", "/xrpc/com.atproto.repo.createRecord", status=429, body=body, headers=headers)

    with pytest.raises(RateLimited) as raised:
        await connector.publish(credentials, PostContent(text="x"), idempotency_key="k")

    assert raised.value.retry_at == datetime(2026, 3, 1, 12, 5, tzinfo=UTC)


async def test_a_5xx_on_create_is_an_unknown_outcome_elsewhere_transient(
    fake: FakeBluesky, credentials: Credentials, connector: BlueskyConnector
) -> None:
    body = {"error": "InternalServerError", "message": "Internal Server Error"}
    fake.faults.add("POST", "/xrpc/com.atproto.repo.createRecord", status=500, body=body)
    fake.faults.add("GET", "/xrpc/app.bsky.feed.getPosts", status=502, body=body)

    with pytest.raises(UnknownOutcome):
        await connector.publish(credentials, PostContent(text="x"), idempotency_key="k")
    with pytest.raises(TransientError):
        await connector.fetch_metrics(credentials, f"at://{DID}/app.bsky.feed.post/3k1")


async def test_no_answer_to_a_create_is_an_unknown_outcome(
    fake: FakeBluesky, credentials: Credentials, connector: BlueskyConnector
) -> None:
    fake.faults.add("POST", "/xrpc/com.atproto.repo.createRecord", status=200, body={}, delay=OUTLASTS_PATIENCE)
    with pytest.raises(UnknownOutcome):
        await connector.publish(credentials, PostContent(text="x"), idempotency_key="k")


async def test_passwords_and_session_tokens_never_appear_in_errors_or_logs(
    fake: FakeBluesky, credentials: Credentials, connector: BlueskyConnector, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await connector.publish(credentials, PostContent(text="one"), idempotency_key="k1")
    secrets = [APP_PASSWORD, *fake.access_tokens, *fake.refresh_tokens]
    fake.faults.add("POST", "/xrpc/com.atproto.repo.createRecord", status=400, body={"error": "InvalidRequest"})
    wrong = Credentials(access_token="wrong-" + APP_PASSWORD, account_id=DID, instance_url=credentials.instance_url)
    errors: list[NetworkError] = []
    for call in (
        connector.publish(credentials, PostContent(text="x"), idempotency_key="k"),
        connector.publish(wrong, PostContent(text="x"), idempotency_key="k"),
    ):
        with pytest.raises(NetworkError) as raised:
            await call
        errors.append(raised.value)

    assert caplog.text
    for secret in secrets:
        assert secret not in caplog.text
        assert all(secret not in str(e) and secret not in repr(vars(e)) for e in errors)
