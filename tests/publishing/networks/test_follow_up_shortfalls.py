"""Steps after a post is live that the network refuses (first comment, later thread items): the post is published
once, and what is missing comes back with it, each with the network's reason, for a person to add by hand."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from chorus_publishing.adapters.networks.connector import Credentials, PostContent, Shortfall
from chorus_publishing.adapters.networks.facebook import FacebookPagesConnector
from chorus_publishing.adapters.networks.mastodon import MastodonConnector
from chorus_publishing.adapters.networks.x import XConnector
from chorus_publishing.testing.fake_networks import graph, mastodon, x
from chorus_publishing.testing.fake_networks.common import CONNECTOR_PATIENCE, serve
from chorus_publishing.testing.fake_networks.graph import FakeGraph, create_app
from chorus_publishing.testing.fake_networks.mastodon import FakeMastodon
from chorus_publishing.testing.fake_networks.x import FakeX

pytestmark = pytest.mark.timeout(30)

X_ACCOUNT = Credentials(access_token=x.TOKEN, account_id=x.USER_ID)
PAGE = Credentials(access_token=graph.TOKEN, account_id=graph.PAGE_ID)
DUPLICATE = "You are not allowed to create a Tweet with duplicate content."


@pytest.fixture
def fake_x() -> FakeX:
    return FakeX()


@pytest.fixture
async def on_x(fake_x: FakeX) -> AsyncIterator[XConnector]:
    async with serve(fake_x.app()) as url:
        connector = XConnector(api_base=url, timeout=CONNECTOR_PATIENCE)
        yield connector
        await connector.aclose()


@pytest.fixture
def fake_mastodon() -> FakeMastodon:
    return FakeMastodon()


@pytest.fixture
async def instance(fake_mastodon: FakeMastodon) -> AsyncIterator[Credentials]:
    async with serve(fake_mastodon.app()) as url:
        yield Credentials(access_token=mastodon.TOKEN, account_id=mastodon.ACCOUNT_ID, instance_url=url)


@pytest.fixture
async def on_mastodon() -> AsyncIterator[MastodonConnector]:
    connector = MastodonConnector(timeout=CONNECTOR_PATIENCE)
    yield connector
    await connector.aclose()


@pytest.fixture
def fake_graph() -> FakeGraph:
    return FakeGraph()


@pytest.fixture
async def on_facebook(fake_graph: FakeGraph) -> AsyncIterator[FacebookPagesConnector]:
    async with serve(create_app(fake_graph)) as url:
        connector = FacebookPagesConnector(base_url=url, client=httpx.AsyncClient(timeout=CONNECTOR_PATIENCE))
        yield connector
        await connector.aclose()


def _top_level_tweets(fake: FakeX, text: str) -> list[str]:
    return [t["id"] for t in fake.tweets.values() if t["sent_text"] == text and "referenced_tweets" not in t]


async def test_x_returns_the_refused_first_comment_with_the_post_sent_once(fake_x: FakeX, on_x: XConnector) -> None:
    # X refuses a reply with the same text as the post: the first comment fails after the post is live.
    content = PostContent(text="Doors open at nine", first_comment="Doors open at nine")

    post = await on_x.publish(X_ACCOUNT, content, idempotency_key="k")

    assert post.shortfalls == (Shortfall("first comment", DUPLICATE),)
    assert _top_level_tweets(fake_x, "Doors open at nine") == [post.network_post_id]
    assert x.TOKEN not in repr(post.shortfalls)


async def test_x_reports_the_failed_thread_item_and_the_ones_never_sent_after_it(
    fake_x: FakeX, on_x: XConnector
) -> None:
    # Item 2 repeats item 1 and is refused; items 3 and 4 are held back (out of order they would make no sense).
    content = PostContent(text="1/5", thread=["2/5", "2/5", "4/5", "5/5"], first_comment="Sources below")

    post = await on_x.publish(X_ACCOUNT, content, idempotency_key="k")

    assert post.shortfalls == (
        Shortfall("thread item 2", DUPLICATE),
        Shortfall("thread items 3-4", "the thread stopped at item 2"),
    )
    assert [fake_x.sent_text(i) for i in post.thread_ids] == ["2/5"]
    assert any(t["sent_text"] == "Sources below" for t in fake_x.tweets.values())  # the comment still went out
    assert _top_level_tweets(fake_x, "1/5") == [post.network_post_id]


async def test_mastodon_returns_the_refused_first_comment_with_the_status_posted_once(
    fake_mastodon: FakeMastodon, instance: Credentials, on_mastodon: MastodonConnector
) -> None:
    fake_mastodon.max_characters = 20
    content = PostContent(text="Short", first_comment="Far too long a comment for this instance")

    post = await on_mastodon.publish(instance, content, idempotency_key="k")

    (missing,) = post.shortfalls
    assert missing.step == "first comment"
    assert "character limit of 20 exceeded" in missing.reason
    top_level = [s["id"] for s in fake_mastodon.statuses.values() if s["in_reply_to_id"] is None]
    assert top_level == [post.network_post_id]


async def test_mastodon_reports_the_last_thread_item_it_could_not_post(
    fake_mastodon: FakeMastodon, instance: Credentials, on_mastodon: MastodonConnector
) -> None:
    fake_mastodon.max_characters = 20
    content = PostContent(text="1/3", thread=["2/3", "3/3, which is longer than the instance allows"])

    post = await on_mastodon.publish(instance, content, idempotency_key="k")

    assert len(post.thread_ids) == 1
    assert [s.step for s in post.shortfalls] == ["thread item 2"]
    assert "character limit" in post.shortfalls[0].reason
    assert len(fake_mastodon.statuses) == 2  # the status and its first reply, nothing sent twice


async def test_facebook_returns_the_failed_first_comment_with_the_page_post_made_once(
    fake_graph: FakeGraph, on_facebook: FacebookPagesConnector
) -> None:
    down = {"error": {"code": 2, "message": "down"}}
    fake_graph.faults.add("POST", f"/v21.0/{graph.PAGE_ID}_", status=500, body=down)  # the comment, not the post

    post = await on_facebook.publish(PAGE, PostContent(text="Hi", first_comment="Menu inside"), idempotency_key="a")

    (missing,) = post.shortfalls
    assert missing.step == "first comment"
    assert "down" in missing.reason
    assert [p["id"] for p in fake_graph.of_kind("post")] == [post.network_post_id.split("_")[-1]]
    assert fake_graph.comments.get(post.network_post_id, []) == []


async def test_everything_that_went_out_leaves_no_shortfall(fake_x: FakeX, on_x: XConnector) -> None:
    content = PostContent(text="1/2", thread=["2/2"], first_comment="More soon")

    post = await on_x.publish(X_ACCOUNT, content, idempotency_key="k")

    assert post.shortfalls == ()
