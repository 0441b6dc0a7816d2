"""The post's state machine: allowed moves with their history and events, refused moves, per-channel publication."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from chorus_publishing.domain.errors import PostNotEditable, PostStateConflict
from chorus_publishing.domain.post import Post, Variant
from chorus_publishing.domain.post_state import ALLOWED_MOVES, PostState
from chorus_shared.errors import ValidationFailed

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
A, B = uuid.uuid4(), uuid.uuid4()


def _draft() -> Post:
    variants = [Variant(network="mastodon", channel_id=A, text="Hi"), Variant(network="x", channel_id=B, text="Hi")]
    return Post.draft(tenant_id=uuid.uuid4(), brand_id=uuid.uuid4(), variants=variants, by="cm", now=NOW)


def _approved() -> Post:
    post = _draft()
    post.submit(needs_approval=True, by="cm", now=NOW)
    post.approve(by="smm", now=NOW)
    return post


def _types(post: Post) -> list[str]:
    return [event.event_type.split(".")[3] for event in post.events]


def test_a_post_goes_from_draft_to_published_with_a_history_line_and_an_event_per_move() -> None:
    post = _approved()
    post.schedule(at=NOW + timedelta(hours=1), by="cm", now=NOW)
    post.start_publishing(by="dispatcher", now=NOW)
    post.published_on(channel_id=A, network_post_id="m-1", url="https://m/1", by="dispatcher", now=NOW)
    assert post.state is PostState.PUBLISHING  # one channel of two: not published yet
    post.published_on(channel_id=B, network_post_id="x-1", url=None, by="dispatcher", now=NOW)

    assert post.state.value == "published"
    moves = [(h.from_state, h.to_state, h.by) for h in post.new_history]
    assert moves == [
        (None, PostState.DRAFT, "cm"),
        (PostState.DRAFT, PostState.PENDING_APPROVAL, "cm"),
        (PostState.PENDING_APPROVAL, PostState.APPROVED, "smm"),
        (PostState.APPROVED, PostState.SCHEDULED, "cm"),
        (PostState.SCHEDULED, PostState.PUBLISHING, "dispatcher"),
        (PostState.PUBLISHING, PostState.PUBLISHED, "dispatcher"),
    ]
    assert _types(post) == ["created", "submitted", "approved", "scheduled", "publishing", "published", "published"]


def test_the_same_channel_reported_published_twice_publishes_one_event() -> None:
    post = _approved()
    post.schedule(at=NOW + timedelta(hours=1), by="cm", now=NOW)
    post.start_publishing(by="d", now=NOW)
    post.events.clear()
    post.published_on(channel_id=A, network_post_id="m-1", url=None, by="d", now=NOW)
    post.published_on(channel_id=A, network_post_id="m-1", url=None, by="d", now=NOW)
    assert _types(post) == ["published"]


def test_a_brand_without_approval_has_the_post_approved_on_submit() -> None:
    post = _draft()
    post.submit(needs_approval=False, by="cm", now=NOW)
    assert post.state is PostState.APPROVED
    assert post.new_history[-1].reason == "The brand needs no approval."


@pytest.mark.parametrize(
    ("state", "move"),
    [
        (PostState.DRAFT, "approve"),
        (PostState.DRAFT, "schedule"),
        (PostState.DRAFT, "start_publishing"),
        (PostState.PENDING_APPROVAL, "schedule"),
        (PostState.APPROVED, "start_publishing"),
        (PostState.PUBLISHED, "cancel"),
        (PostState.CANCELLED, "submit"),
        (PostState.PUBLISHING, "cancel"),
        (PostState.UNCONFIRMED, "start_publishing"),
    ],
)
def test_moves_the_state_machine_does_not_allow_are_refused_and_change_nothing(state: PostState, move: str) -> None:
    post = _draft()
    post.state = state
    post.new_history.clear()
    post.events.clear()
    actions = {
        "approve": lambda: post.approve(by="smm", now=NOW),
        "schedule": lambda: post.schedule(at=NOW + timedelta(hours=1), by="cm", now=NOW),
        "start_publishing": lambda: post.start_publishing(by="d", now=NOW),
        "cancel": lambda: post.cancel(by="cm", now=NOW),
        "submit": lambda: post.submit(needs_approval=True, by="cm", now=NOW),
    }
    with pytest.raises(PostStateConflict):
        actions[move]()
    assert (post.state, post.new_history, post.events) == (state, [], [])


def test_terminal_states_allow_nothing_and_unconfirmed_is_never_re_sent_blindly() -> None:
    assert ALLOWED_MOVES[PostState.PUBLISHED] == frozenset()
    assert ALLOWED_MOVES[PostState.CANCELLED] == frozenset()
    assert PostState.PUBLISHING not in ALLOWED_MOVES[PostState.UNCONFIRMED]


def test_a_rejection_needs_a_reason_and_editing_reopens_the_post() -> None:
    post = _draft()
    post.submit(needs_approval=True, by="cm", now=NOW)
    with pytest.raises(ValidationFailed) as refused:
        post.reject(by="smm", reason="   ", now=NOW)
    assert refused.value.field_errors[0].field == "reason"
    post.reject(by="smm", reason="Too  salesy", now=NOW)
    assert (post.state, post.new_history[-1].reason) == (PostState.REJECTED, "Too salesy")

    post.revise(variants=[Variant(network="mastodon", channel_id=A, text="Better")], campaign_id=None, by="cm", now=NOW)
    assert post.state is PostState.DRAFT
    assert _types(post)[-2:] == ["reopened", "updated"]


def test_only_drafts_and_rejected_posts_can_be_edited() -> None:
    post = _approved()
    with pytest.raises(PostNotEditable):
        post.revise(variants=post.variants, campaign_id=None, by="cm", now=NOW)


def test_a_post_is_scheduled_in_the_future_only() -> None:
    post = _approved()
    with pytest.raises(ValidationFailed) as refused:
        post.schedule(at=NOW - timedelta(minutes=1), by="cm", now=NOW)
    assert refused.value.field_errors[0].field == "scheduled_at"
    assert post.state is PostState.APPROVED


def test_the_dispatcher_can_defer_fail_and_settle_an_unconfirmed_post() -> None:
    post = _approved()
    post.schedule(at=NOW + timedelta(hours=1), by="cm", now=NOW)
    post.start_publishing(by="d", now=NOW)
    post.defer(until=NOW + timedelta(hours=2), by="d", reason="429 until reset", now=NOW)
    assert (post.state, post.scheduled_at) == (PostState.SCHEDULED, NOW + timedelta(hours=2))
    post.start_publishing(by="d", now=NOW)
    post.unconfirm(by="d", reason="worker died after sending", now=NOW)
    with pytest.raises(ValidationFailed):
        post.fail(by="d", reason="", now=NOW)
    post.fail(by="reconciler", reason="not on the network", now=NOW)
    assert post.state is PostState.FAILED
    assert [e.event_type.split(".")[3] for e in post.events][-3:] == ["publishing", "unconfirmed", "failed"]
