"""The Facebook Pages connector against a fake Graph API host, its error codes and usage headers included."""

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
from chorus_publishing.adapters.networks.facebook import FacebookPagesConnector
from chorus_publishing.testing.fake_networks.common import CONNECTOR_PATIENCE, OUTLASTS_PATIENCE, serve
from chorus_publishing.testing.fake_networks.graph import PAGE_ID, TOKEN, FakeGraph, create_app

pytestmark = pytest.mark.timeout(30)

PAGE = Credentials(access_token=TOKEN, account_id=PAGE_ID)
PHOTO = MediaItem(content=b"\xff\xd8jpeg", mime_type="image/jpeg")


@pytest.fixture
def fake() -> FakeGraph:
    return FakeGraph()


@pytest.fixture
async def connector(fake: FakeGraph) -> AsyncIterator[FacebookPagesConnector]:
    async with serve(create_app(fake)) as url:
        connector = FacebookPagesConnector(base_url=url, client=httpx.AsyncClient(timeout=CONNECTOR_PATIENCE))
        yield connector
        await connector.aclose()


def _local(post_id: str) -> str:
    return post_id.split("_")[-1]


async def test_publishes_a_message_with_a_link(fake: FakeGraph, connector: FacebookPagesConnector) -> None:
    post = await connector.publish(
        PAGE, PostContent(text="Spring sale", link="https://acme.test/sale"), idempotency_key="a"
    )

    stored = fake.objects[_local(post.network_post_id)]
    assert (stored["message"], stored["link"]) == ("Spring sale", "https://acme.test/sale")
    assert post.network_post_id.startswith(f"{PAGE_ID}_")
    assert post.url == f"https://www.facebook.com/{post.network_post_id}"


async def test_one_photo_is_a_photo_post_with_the_link_in_its_caption(
    fake: FakeGraph, connector: FacebookPagesConnector
) -> None:
    content = PostContent(text="Look", media=[PHOTO], link="https://acme.test")

    post = await connector.publish(PAGE, content, idempotency_key="a")

    assert fake.objects[_local(post.network_post_id)]["message"] == "Look\n\nhttps://acme.test"
    assert [p["published"] for p in fake.of_kind("photo")] == [True]


async def test_several_photos_are_uploaded_unpublished_then_attached(
    fake: FakeGraph, connector: FacebookPagesConnector
) -> None:
    post = await connector.publish(PAGE, PostContent(text="Album", media=[PHOTO] * 3), idempotency_key="a")

    photos = fake.of_kind("photo")
    assert [p["published"] for p in photos] == [False, False, False]
    attached = [json.loads(a)["media_fbid"] for a in fake.objects[_local(post.network_post_id)]["attached"]]
    assert attached == [p["id"] for p in photos]


async def test_video_is_refused_before_anything_is_sent(fake: FakeGraph, connector: FacebookPagesConnector) -> None:
    video = MediaItem(content=b"mp4", mime_type="video/mp4", kind=MediaKind.VIDEO)

    with pytest.raises(RejectedContent):
        await connector.publish(PAGE, PostContent(text="clip", media=[video]), idempotency_key="a")
    assert fake.of_kind("post") == []


async def test_first_comment_goes_under_the_post(fake: FakeGraph, connector: FacebookPagesConnector) -> None:
    post = await connector.publish(PAGE, PostContent(text="Hi", first_comment="Details inside"), idempotency_key="a")

    assert [c["message"] for c in fake.comments[post.network_post_id]] == ["Details inside"]


async def test_a_failed_first_comment_still_reports_the_post_published(
    fake: FakeGraph, connector: FacebookPagesConnector, caplog: pytest.LogCaptureFixture
) -> None:
    fake.faults.add("POST", f"/v21.0/{PAGE_ID}_", status=500, body={"error": {"code": 2, "message": "down"}})

    post = await connector.publish(PAGE, PostContent(text="Hi", first_comment="c"), idempotency_key="a")

    assert fake.objects[_local(post.network_post_id)]["message"] == "Hi"
    assert "first comment" in caplog.text


async def test_delete_removes_the_post(fake: FakeGraph, connector: FacebookPagesConnector) -> None:
    post = await connector.publish(PAGE, PostContent(text="Oops"), idempotency_key="a")

    await connector.delete(PAGE, post.network_post_id)

    assert fake.of_kind("post") == []


async def test_find_post_matches_the_recent_post_with_the_same_message(connector: FacebookPagesConnector) -> None:
    post = await connector.publish(PAGE, PostContent(text="Find me"), idempotency_key="a")

    found = await connector.find_post(PAGE, idempotency_key="a", text="Find me")

    assert found is not None
    assert found.network_post_id == post.network_post_id
    assert await connector.find_post(PAGE, idempotency_key="b", text="Never sent") is None


async def test_metrics_keep_missing_apart_from_zero(fake: FakeGraph, connector: FacebookPagesConnector) -> None:
    post = await connector.publish(PAGE, PostContent(text="Counted"), idempotency_key="a")
    fake.insights[_local(post.network_post_id)] = {"post_impressions": 50, "post_impressions_unique": 0}
    fake.objects[_local(post.network_post_id)]["reactions"] = 4
    fake.comment_from_someone(post.network_post_id, "nice")

    metrics = await connector.fetch_metrics(PAGE, post.network_post_id)

    values = {m.name: m.value for m in metrics.values}
    assert values == {"impressions": 50, "reach": 0, "clicks": None, "likes": 4, "comments": 1, "shares": 0}
    assert {m.name: m.api_field for m in metrics.values}["reach"] == "insights.post_impressions_unique"


async def test_retired_insight_metrics_are_missing_not_an_error(
    fake: FakeGraph, connector: FacebookPagesConnector
) -> None:
    post = await connector.publish(PAGE, PostContent(text="Old"), idempotency_key="a")
    fake.insights[_local(post.network_post_id)] = {"retired_metric": 1}
    fake.objects[_local(post.network_post_id)]["shares"] = 3

    values = {m.name: m.value for m in (await connector.fetch_metrics(PAGE, post.network_post_id)).values}

    assert (values["impressions"], values["reach"], values["clicks"]) == (None, None, None)
    assert (values["likes"], values["shares"]) == (0, 3)


async def test_comments_are_read_with_their_authors(fake: FakeGraph, connector: FacebookPagesConnector) -> None:
    post = await connector.publish(PAGE, PostContent(text="Talk"), idempotency_key="a")
    fake.comment_from_someone(post.network_post_id, "Where to buy?", who="Jane Doe")

    comments = await connector.fetch_comments(PAGE, post.network_post_id)

    assert [(c.author_handle, c.text) for c in comments] == [("Jane Doe", "Where to buy?")]
    assert comments[0].created_at.tzinfo is not None


def _error(code: int, message: str = "nope") -> dict[str, object]:
    return {"error": {"message": message, "type": "OAuthException", "code": code}}


async def test_an_invalid_token_is_an_auth_error(connector: FacebookPagesConnector) -> None:
    revoked = Credentials(access_token="revoked-token", account_id=PAGE_ID)

    with pytest.raises(AuthError, match="code 190"):
        await connector.publish(revoked, PostContent(text="x"), idempotency_key="a")


async def test_throttle_codes_wait_for_the_business_use_case_estimate(
    fake: FakeGraph, connector: FacebookPagesConnector
) -> None:
    usage = {PAGE_ID: [{"type": "pages", "call_count": 100, "estimated_time_to_regain_access": 7}]}
    headers = {"X-Business-Use-Case-Usage": json.dumps(usage)}
    fake.faults.add("POST", f"/v21.0/{PAGE_ID}/feed", status=400, body=_error(80001), headers=headers)

    with pytest.raises(RateLimited) as caught:
        await connector.publish(PAGE, PostContent(text="x"), idempotency_key="a")

    wait = caught.value.retry_at - datetime.now(UTC)
    assert timedelta(minutes=6) < wait <= timedelta(minutes=7)


@pytest.mark.parametrize("code", [4, 17, 32, 613])
async def test_throttle_codes_without_estimate_wait_the_stated_default(
    fake: FakeGraph, connector: FacebookPagesConnector, code: int
) -> None:
    fake.faults.add("GET", f"/v21.0/{PAGE_ID}/published_posts", status=403, body=_error(code))

    with pytest.raises(RateLimited) as caught:
        await connector.find_post(PAGE, idempotency_key="a", text="x")

    wait = caught.value.retry_at - datetime.now(UTC)
    assert timedelta(minutes=9) < wait <= timedelta(minutes=10)


async def test_usage_header_at_100_percent_is_a_rate_limit_whatever_the_code(
    fake: FakeGraph, connector: FacebookPagesConnector
) -> None:
    headers = {"X-App-Usage": json.dumps({"call_count": 12, "total_cputime": 100, "total_time": 40})}
    fake.faults.add("GET", f"/v21.0/{PAGE_ID}/published_posts", status=400, body=_error(99), headers=headers)

    with pytest.raises(RateLimited):
        await connector.find_post(PAGE, idempotency_key="a", text="x")


@pytest.mark.parametrize("code", [100, 368, 506])
async def test_rejected_content_carries_the_networks_reason(
    fake: FakeGraph, connector: FacebookPagesConnector, code: int
) -> None:
    reason = "Duplicate status message" if code == 506 else "The action attempted has been deemed abusive"
    fake.faults.add("POST", f"/v21.0/{PAGE_ID}/feed", status=400, body=_error(code, reason))

    with pytest.raises(RejectedContent) as caught:
        await connector.publish(PAGE, PostContent(text="x"), idempotency_key="a")

    assert caught.value.detail == f"{reason} (code {code})"


@pytest.mark.parametrize(("status", "body"), [(500, _error(1)), (503, _error(2)), (502, None)])
async def test_server_trouble_is_transient_on_reads_and_unknown_on_create(
    fake: FakeGraph, connector: FacebookPagesConnector, status: int, body: object
) -> None:
    fake.faults.add("GET", f"/v21.0/{PAGE_ID}/published_posts", status=status, body=body)
    fake.faults.add("POST", f"/v21.0/{PAGE_ID}/feed", status=status, body=body)

    with pytest.raises(TransientError):
        await connector.find_post(PAGE, idempotency_key="a", text="x")
    with pytest.raises(UnknownOutcome):
        await connector.publish(PAGE, PostContent(text="x"), idempotency_key="a")


async def test_a_create_that_times_out_after_sending_is_an_unknown_outcome(
    fake: FakeGraph, connector: FacebookPagesConnector
) -> None:
    fake.faults.add("POST", f"/v21.0/{PAGE_ID}/feed", status=200, body={"id": "late"}, delay=OUTLASTS_PATIENCE)

    with pytest.raises(UnknownOutcome):
        await connector.publish(PAGE, PostContent(text="x"), idempotency_key="a")


async def test_an_unreachable_graph_is_transient() -> None:
    connector = FacebookPagesConnector(
        base_url="http://127.0.0.1:9", client=httpx.AsyncClient(timeout=CONNECTOR_PATIENCE)
    )

    with pytest.raises(TransientError):
        await connector.publish(PAGE, PostContent(text="x"), idempotency_key="a")
    await connector.aclose()


async def test_the_token_appears_in_no_error_and_no_log_line(
    fake: FakeGraph, connector: FacebookPagesConnector, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    errors: list[NetworkError] = []
    fake.faults.add("POST", f"/v21.0/{PAGE_ID}/feed", status=400, body=_error(4), headers={})
    fake.faults.add("POST", f"/v21.0/{PAGE_ID}/feed", status=400, body=_error(100, f"bad {TOKEN[:4]}"))
    fake.faults.add("POST", f"/v21.0/{PAGE_ID}/feed", status=200, body={}, delay=OUTLASTS_PATIENCE)
    fake.faults.add("POST", f"/v21.0/{PAGE_ID}_", status=500, body=_error(1))
    for _ in range(3):
        with pytest.raises(NetworkError) as caught:
            await connector.publish(PAGE, PostContent(text="x"), idempotency_key="a")
        errors.append(caught.value)
    await connector.publish(PAGE, PostContent(text="x", first_comment="c"), idempotency_key="a")

    for error in errors:
        assert TOKEN not in f"{error} {error.detail} {error.__cause__} {error.__context__}"
    assert TOKEN not in caplog.text
