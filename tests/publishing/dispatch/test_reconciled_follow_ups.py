"""A post whose send got no clear answer and that reconciliation then found on the network: published once, and
its first comment and the thread items the network does not report are shown as unconfirmed, not silently assumed."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.networks.connector import PublishedPost
from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.sandbox_server import running_sandbox
from chorus_publishing.adapters.networks.sandbox_state import InjectedFailure, SandboxSettings
from chorus_publishing.domain.publication import PublicationContent
from chorus_publishing.service.reconciliation import unconfirmed_follow_ups
from chorus_publishing.testing.dispatch_kit import (
    known_brand,
    run_sandbox_dispatcher_until_published,
    schedule_many,
    tenant_rows,
)
from chorus_publishing.testing.fake_networks.common import CONNECTOR_PATIENCE, OUTLASTS_PATIENCE
from chorus_shared.testing.postgres import MigratedDatabase

CONTENT = PublicationContent(text="Spring sale", thread=("Day one", "Day two"), first_comment="Link in bio")


async def test_a_reconciled_post_lists_its_first_comment_as_unconfirmed(
    sessions: async_sessionmaker[AsyncSession], publishing_db: MigratedDatabase
) -> None:
    tenant = uuid.uuid4()
    brand = await known_brand(sessions, tenant)
    [publication] = await schedule_many(sessions, tenant, brand, [uuid.uuid4()], 1, content=CONTENT)
    async with running_sandbox(SandboxSettings(hang_s=OUTLASTS_PATIENCE)) as sandbox:
        # The network applies the post (its thread goes in the same call) and its answer never comes in time.
        sandbox.network.queue_failures(InjectedFailure.TIMEOUT_AFTER_ACCEPT, 1)
        connector = SandboxConnector(sandbox.base_url, timeout=CONNECTOR_PATIENCE)
        await run_sandbox_dispatcher_until_published(sessions, tenant, connector, timeout=60)
        [root] = [post for post in sandbox.network.posts.values() if post.text == "Spring sale"]
        assert root.comments == []  # the comment was never tried, and nothing sent it later

    attempts = await tenant_rows(
        sessions,
        tenant,
        "SELECT outcome, shortfalls FROM publication_attempts WHERE publication_id = :p ORDER BY number",
        p=publication.id,
    )
    last = attempts[-1]
    shortfalls = last.shortfalls if isinstance(last.shortfalls, list) else json.loads(last.shortfalls)
    assert last.outcome == "reconciled_published"
    assert [s["step"] for s in shortfalls] == ["first comment"]
    assert "unconfirmed" in shortfalls[0]["reason"]
    [note] = await tenant_rows(
        sessions,
        tenant,
        "SELECT reason FROM publication_history WHERE publication_id = :p AND state = 'published'",
        p=publication.id,
    )
    assert note.reason.startswith("found on the network; first comment not posted: unconfirmed")


def test_thread_items_the_network_does_not_report_with_the_post_are_unconfirmed() -> None:
    now = datetime.now(UTC)
    replies_apart = PublishedPost("root", None, now, thread_ids=())
    one_reported = PublishedPost("root", None, now, thread_ids=("t1",))
    all_reported = PublishedPost("root", None, now, thread_ids=("t1", "t2"))
    plain = PublicationContent(text="Just text")

    assert [s.step for s in unconfirmed_follow_ups(CONTENT, replies_apart)] == ["thread items 1-2", "first comment"]
    assert [s.step for s in unconfirmed_follow_ups(CONTENT, one_reported)] == ["thread item 2", "first comment"]
    assert [s.step for s in unconfirmed_follow_ups(CONTENT, all_reported)] == ["first comment"]
    assert unconfirmed_follow_ups(plain, replies_apart) == ()
