"""A post live on every channel but missing a follow-up on some: its `published` history line says what and where,
even when the channel that lacked it went out in an earlier batch than the last one."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from chorus_publishing.adapters.networks.connector import Shortfall
from chorus_publishing.domain.post import Post, Variant
from chorus_publishing.domain.post_state import PostState

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
A, B = uuid.uuid4(), uuid.uuid4()
NO_COMMENT = Shortfall("first comment", "Validation failed: Text character limit of 500 exceeded")


def _publishing(*variants: Variant) -> Post:
    post = Post.draft(tenant_id=uuid.uuid4(), brand_id=uuid.uuid4(), variants=list(variants), by="cm", now=NOW)
    post.submit(needs_approval=False, by="cm", now=NOW)
    post.schedule(at=NOW + timedelta(hours=1), by="cm", now=NOW)
    post.start_publishing(by="d", now=NOW)
    return post


def test_the_published_line_names_each_channels_missing_step_by_its_network() -> None:
    post = _publishing(Variant(network="mastodon", channel_id=A), Variant(network="x", channel_id=B))

    post.published_on(channel_id=A, network_post_id="m-1", url=None, by="d", now=NOW, shortfalls=[NO_COMMENT])
    post.published_on(channel_id=B, network_post_id="x-1", url=None, by="d", now=NOW)

    assert post.state is PostState.PUBLISHED
    assert post.new_history[-1].reason == f"published; on mastodon: first comment not posted: {NO_COMMENT.reason}"
    assert [len(getattr(event, "shortfalls", [])) for event in post.events[-2:]] == [1, 0]  # one event per channel


def test_a_post_on_one_channel_says_what_is_missing_without_naming_the_network() -> None:
    post = _publishing(Variant(network="mastodon", channel_id=A))
    stopped = Shortfall("thread items 3-4", "the thread stopped at item 2")

    post.published_on(channel_id=A, network_post_id="m-1", url=None, by="d", now=NOW, shortfalls=[NO_COMMENT, stopped])

    assert post.new_history[-1].reason == (
        f"published; first comment not posted: {NO_COMMENT.reason}; "
        "thread items 3-4 not posted: the thread stopped at item 2"
    )
    assert post.variants[0].shortfalls == [NO_COMMENT, stopped]


def test_everything_out_leaves_the_published_line_without_a_reason() -> None:
    post = _publishing(Variant(network="x", channel_id=A))

    post.published_on(channel_id=A, network_post_id="x-1", url=None, by="d", now=NOW)

    assert post.new_history[-1].reason is None
