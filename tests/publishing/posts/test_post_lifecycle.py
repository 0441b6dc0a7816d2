"""What the dispatcher reports about a scheduled post: publishing, published per channel, failed, unconfirmed;
each recorded in the history, the outbox and readable through the API, refused when the state does not allow it."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import httpx
import pytest

from chorus_publishing.adapters.orm import outbox
from chorus_publishing.domain.errors import PostStateConflict
from chorus_publishing.service import post_lifecycle
from chorus_publishing.testing.post_kit import Agency, connected, known_brand, new_post, outbox_events, variant
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.planning_brand_voice import ApprovalPolicy
from chorus_shared.testing.postgres import MigratedDatabase

AGENCY = Agency()
T = TypeVar("T")


async def _as_dispatcher(database: MigratedDatabase, action: Callable[[UnitOfWork], Awaitable[T]]) -> T:
    engine = make_engine(database.app_url)
    try:
        async with UnitOfWork(make_sessions(engine), outbox=outbox, source="t", tenant_id=AGENCY.id) as uow:
            result = await action(uow)
            await uow.commit()
            return result
    finally:
        await engine.dispose()


async def _scheduled(
    client: httpx.AsyncClient, database: MigratedDatabase, brand: str, *networks: str
) -> tuple[uuid.UUID, list[uuid.UUID]]:
    channels = [await connected(database, AGENCY, brand, network) for network in networks or ("mastodon",)]
    variants = [variant(n, channel_id=c) for n, c in zip(networks or ("mastodon",), channels, strict=True)]
    post = await new_post(client, AGENCY, brand, *variants)
    path = f"/posts/{post['id']}"
    await client.post(f"{path}/submit", headers=AGENCY.cm)
    at = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    assert (await client.post(f"{path}/schedule", json={"scheduled_at": at}, headers=AGENCY.cm)).status_code == 200
    return uuid.UUID(str(post["id"])), [uuid.UUID(c) for c in channels]


async def test_a_post_on_two_channels_is_published_once_both_have_it(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY, ApprovalPolicy.NONE)
    post_id, (mastodon, x) = await _scheduled(client, publishing_db, brand, "mastodon", "x")

    await _as_dispatcher(publishing_db, lambda uow: post_lifecycle.mark_publishing(uow, post_id))
    await _as_dispatcher(
        publishing_db,
        lambda uow: post_lifecycle.mark_published(
            uow, post_id, channel_id=mastodon, network_post_id="109", url="https://m.example/@k/109"
        ),
    )
    assert (await client.get(f"/posts/{post_id}", headers=AGENCY.cm)).json()["state"] == "publishing"
    await _as_dispatcher(
        publishing_db,
        lambda uow: post_lifecycle.mark_published(uow, post_id, channel_id=x, network_post_id="18", url=None),
    )
    shown = (await client.get(f"/posts/{post_id}", headers=AGENCY.cm)).json()
    assert shown["state"] == "published"
    assert [(v["network_post_id"], v["url"]) for v in shown["variants"]] == [
        ("109", "https://m.example/@k/109"),
        ("18", None),
    ]

    events = await outbox_events(publishing_db, str(post_id))
    published = [d for t, d in events if t == "chorus.publishing.post.published.v1"]
    assert [(d["channel"], d["network"], d["network_post_url"]) for d in published] == [
        (str(mastodon), "mastodon", "https://m.example/@k/109"),
        (str(x), "x", None),
    ]
    history = (await client.get(f"/posts/{post_id}/history", headers=AGENCY.cm)).json()
    assert [(h["to_state"], h["by"]) for h in history][-2:] == [
        ("publishing", post_lifecycle.DISPATCHER),
        ("published", post_lifecycle.DISPATCHER),
    ]


async def test_an_unconfirmed_post_is_settled_not_resent_and_a_failure_says_why(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY, ApprovalPolicy.NONE)
    post_id, _ = await _scheduled(client, publishing_db, brand)
    await _as_dispatcher(publishing_db, lambda uow: post_lifecycle.mark_publishing(uow, post_id))
    await _as_dispatcher(
        publishing_db, lambda uow: post_lifecycle.mark_unconfirmed(uow, post_id, reason="worker died after sending")
    )
    with pytest.raises(PostStateConflict):
        await _as_dispatcher(publishing_db, lambda uow: post_lifecycle.mark_publishing(uow, post_id))
    await _as_dispatcher(
        publishing_db,
        lambda uow: post_lifecycle.mark_failed(uow, post_id, reason="Not found on the network", by="reconciler"),
    )
    history = (await client.get(f"/posts/{post_id}/history", headers=AGENCY.cm)).json()
    assert [(h["to_state"], h["reason"]) for h in history][-3:] == [
        ("publishing", None),
        ("unconfirmed", "worker died after sending"),
        ("failed", "Not found on the network"),
    ]
    types = [t.removeprefix("chorus.publishing.post.") for t, _ in await outbox_events(publishing_db, str(post_id))]
    assert types[-3:] == ["publishing.v1", "unconfirmed.v1", "failed.v1"]
    # A failed post can be scheduled again by a person.
    again = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    retried = await client.post(f"/posts/{post_id}/schedule", json={"scheduled_at": again}, headers=AGENCY.cm)
    assert retried.json()["state"] == "scheduled"


async def test_the_dispatcher_cannot_publish_a_post_that_is_not_scheduled(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY)
    post = await new_post(client, AGENCY, brand)
    post_id = uuid.UUID(str(post["id"]))
    with pytest.raises(PostStateConflict):
        await _as_dispatcher(publishing_db, lambda uow: post_lifecycle.mark_publishing(uow, post_id))
    types = [t for t, _ in await outbox_events(publishing_db, str(post_id))]
    assert types == ["chorus.publishing.post.created.v1"]
