"""The metrics collector against the sandbox network with real channels: counters stored and announced with their
provenance, a missing counter null (never 0), a 429 deferring to the reset, a 401 disconnecting and pausing until
the channel is connected again, a post deleted on the network stopping its schedule."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.sandbox_server import RunningSandbox, running_sandbox
from chorus_publishing.adapters.networks.sandbox_state import InjectedFailure
from chorus_publishing.service.channel_keys import key_ring
from chorus_publishing.service.metrics_collector import CollectorConfig, MetricsCollector
from chorus_publishing.settings import PublishingSettings
from chorus_publishing.testing.channel_kit import outbox_events
from chorus_publishing.testing.dispatch_kit import tenant_rows
from chorus_publishing.testing.metrics_kit import World, deliver, published_event, published_world
from chorus_shared.auth import Role
from chorus_shared.messaging.contracts.publishing_channels import ChannelConnectedV1
from chorus_shared.testing.http import auth_headers, principal
from chorus_shared.testing.postgres import MigratedDatabase

METRICS_COLLECTED = "chorus.publishing.post.metrics_collected.v1"


@pytest.fixture
async def sandbox() -> AsyncIterator[tuple[RunningSandbox, SandboxConnector]]:
    async with running_sandbox() as running:
        connector = SandboxConnector(running.base_url)
        yield running, connector
        await connector.aclose()


@pytest.fixture
def collector(
    sessions: async_sessionmaker[AsyncSession],
    settings: PublishingSettings,
    sandbox: tuple[RunningSandbox, SandboxConnector],
) -> MetricsCollector:
    return MetricsCollector(
        sessions, connectors={"sandbox": sandbox[1]}, config=CollectorConfig(batch_size=100), keys=key_ring(settings)
    )


@pytest.fixture
async def world(
    client: httpx.AsyncClient,
    publishing_db: MigratedDatabase,
    sessions: async_sessionmaker[AsyncSession],
    sandbox: tuple[RunningSandbox, SandboxConnector],
) -> World:
    made = await published_world(client, publishing_db, sandbox[1])
    await deliver(sessions, made.tenant, published_event(made), made.post)
    return made


async def _set_metrics(sandbox: RunningSandbox, post_id: str, values: dict[str, int | None]) -> None:
    async with httpx.AsyncClient(base_url=sandbox.base_url) as http:
        assert (await http.put(f"/_control/posts/{post_id}/metrics", json=values)).status_code == 204


async def _schedule(sessions: async_sessionmaker[AsyncSession], world: World) -> Any:
    [row] = await tenant_rows(
        sessions, world.tenant, "SELECT * FROM metric_schedules WHERE post_id = :p", p=uuid.UUID(world.post)
    )
    return row


async def test_a_reading_stores_the_counters_and_a_missing_one_stays_null_never_zero(
    client: httpx.AsyncClient,
    publishing_db: MigratedDatabase,
    sessions: async_sessionmaker[AsyncSession],
    sandbox: tuple[RunningSandbox, SandboxConnector],
    collector: MetricsCollector,
    world: World,
) -> None:
    await _set_metrics(
        sandbox[0], world.network_post_id, {"impressions": 120, "likes": 7, "comments": 0, "shares": None}
    )
    before = datetime.now(UTC)
    await collector.collect_due()

    shown = await client.get(f"/posts/{world.post}/metrics", headers=world.cm)
    assert shown.status_code == 200, shown.text
    [channel] = shown.json()["channels"]
    assert (channel["channel_id"], channel["status"], channel["last_error"]) == (world.channel, "collecting", None)
    latest = {m["name"]: (m["value"], m["api_field"]) for m in channel["latest"]["metrics"]}
    assert latest["impressions"] == (120, "metrics.impressions")
    assert latest["likes"] == (7, "metrics.likes")
    assert latest["comments"] == (0, "metrics.comments")  # a real zero stays zero
    assert latest["shares"] == (None, "metrics.shares")  # the network did not give it: missing
    assert latest["reach"] == (None, "metrics.reach")
    fetched_at = datetime.fromisoformat(channel["latest"]["fetched_at"])
    assert fetched_at >= before
    # Two hours old: hourly readings.
    assert datetime.fromisoformat(channel["next_fetch_at"]) - fetched_at == timedelta(hours=1)

    [event] = [e for e in await outbox_events(publishing_db, world.post) if e["type"] == METRICS_COLLECTED]
    assert (event["data"]["channel_id"], event["data"]["network"]) == (world.channel, "sandbox")
    assert event["data"]["network_post_id"] == world.network_post_id
    sent = {m["name"]: m["value"] for m in event["data"]["metrics"]}
    assert sent["shares"] is None
    assert sent["comments"] == 0
    assert sent["impressions"] == 120
    [stored] = await tenant_rows(
        sessions,
        world.tenant,
        "SELECT value FROM metric_values WHERE name = 'shares' AND tenant_id = :t",
        t=world.tenant,
    )
    assert stored.value is None


async def test_a_counter_the_network_stops_giving_is_missing_in_the_next_reading_and_history_pages(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    sandbox: tuple[RunningSandbox, SandboxConnector],
    collector: MetricsCollector,
    world: World,
) -> None:
    await _set_metrics(sandbox[0], world.network_post_id, {"impressions": 100, "likes": 5})
    await collector.collect_due()
    await _set_metrics(sandbox[0], world.network_post_id, {"impressions": 180})  # likes no longer offered
    await collector.collect_due(now=datetime.now(UTC) + timedelta(hours=1, minutes=1))

    first = (await client.get(f"/posts/{world.post}/metrics?limit=1", headers=world.cm)).json()
    latest = {m["name"]: m["value"] for m in first["channels"][0]["latest"]["metrics"]}
    assert (latest["impressions"], latest["likes"]) == (180, None)
    [newest] = first["history"]["items"]
    assert newest["id"] == first["channels"][0]["latest"]["id"]
    older = await client.get(
        f"/posts/{world.post}/metrics?limit=1&after={first['history']['next_after']}", headers=world.cm
    )
    [oldest] = older.json()["history"]["items"]
    assert {m["name"]: m["value"] for m in oldest["metrics"]}["likes"] == 5
    assert older.json()["history"]["next_after"] is None


async def test_metrics_are_seen_only_within_the_tenant_and_the_brand(
    client: httpx.AsyncClient, world: World, collector: MetricsCollector
) -> None:
    await collector.collect_due()
    stranger = auth_headers(principal(uuid.uuid4(), Role.OWNER))
    other_brand_client = auth_headers(principal(world.tenant, Role.CLIENT, brands=[uuid.uuid4()], subject="c"))
    own_client = auth_headers(principal(world.tenant, Role.CLIENT, brands=[uuid.UUID(world.brand)], subject="c2"))
    assert (await client.get(f"/posts/{world.post}/metrics", headers=stranger)).status_code == 404
    assert (await client.get(f"/posts/{world.post}/metrics", headers=other_brand_client)).status_code == 404
    assert (await client.get(f"/posts/{world.post}/metrics", headers=own_client)).status_code == 200
    assert (await client.get(f"/posts/{world.post}/metrics?limit=0", headers=own_client)).status_code == 422


async def test_a_rate_limit_defers_the_reading_to_the_networks_reset(
    sessions: async_sessionmaker[AsyncSession],
    sandbox: tuple[RunningSandbox, SandboxConnector],
    collector: MetricsCollector,
    world: World,
) -> None:
    sandbox[0].network.queue_failures(InjectedFailure.RATE_LIMITED, 1, world.account)  # Retry-After: 1
    before = datetime.now(UTC)
    await collector.collect_due()
    row = await _schedule(sessions, world)
    assert row.status == "collecting"
    assert row.failures == 0  # a 429 is not the post's failure
    assert before + timedelta(seconds=0.5) <= row.next_fetch_at <= before + timedelta(seconds=3)
    snapshots = "SELECT count(*) AS n FROM metric_snapshots WHERE post_id = :p"
    assert (await tenant_rows(sessions, world.tenant, snapshots, p=uuid.UUID(world.post)))[0].n == 0

    await collector.collect_due(now=row.next_fetch_at)
    assert (await tenant_rows(sessions, world.tenant, snapshots, p=uuid.UUID(world.post)))[0].n == 1


async def test_a_401_disconnects_the_channel_and_pauses_until_it_is_connected_again(
    client: httpx.AsyncClient,
    publishing_db: MigratedDatabase,
    sessions: async_sessionmaker[AsyncSession],
    sandbox: tuple[RunningSandbox, SandboxConnector],
    collector: MetricsCollector,
    world: World,
) -> None:
    sandbox[0].network.queue_failures(InjectedFailure.UNAUTHORIZED, 1, world.account)
    await collector.collect_due()
    assert (await _schedule(sessions, world)).status == "paused"
    channel = (await client.get(f"/channels/{world.channel}", headers=world.cm)).json()
    assert channel["status"] == "disconnected"
    index = "SELECT count(*) AS n FROM metric_schedule_index WHERE tenant_id = :t"
    assert (await tenant_rows(sessions, world.tenant, index, t=world.tenant))[0].n == 0  # no collector looks at it

    body = {"network": "sandbox", "secret": "new-token", "account": world.account}
    assert (await client.post(f"/brands/{world.brand}/channels/token", json=body, headers=world.smm)).status_code == 200
    [connected] = [
        e for e in await outbox_events(publishing_db, world.channel) if e["type"] == ChannelConnectedV1.event_type
    ][-1:]
    assert connected["data"]["reconnected"] is True
    await deliver(sessions, world.tenant, ChannelConnectedV1.model_validate(connected["data"]), world.channel)
    assert (await _schedule(sessions, world)).status == "collecting"
    await collector.collect_due()
    row = await _schedule(sessions, world)
    assert row.last_fetched_at is not None


async def test_a_post_deleted_on_the_network_stops_its_schedule(
    sessions: async_sessionmaker[AsyncSession],
    sandbox: tuple[RunningSandbox, SandboxConnector],
    collector: MetricsCollector,
    world: World,
) -> None:
    sandbox[0].network.posts[world.network_post_id].deleted = True
    await collector.collect_due()
    row = await _schedule(sessions, world)
    assert row.status == "stopped"
    assert "404" in row.last_error
    assert row.next_fetch_at is None


async def test_a_server_error_retries_later_with_backoff(
    sessions: async_sessionmaker[AsyncSession],
    sandbox: tuple[RunningSandbox, SandboxConnector],
    collector: MetricsCollector,
    world: World,
) -> None:
    sandbox[0].network.queue_failures(InjectedFailure.SERVER_ERROR, 1, world.account)
    before = datetime.now(UTC)
    await collector.collect_due()
    row = await _schedule(sessions, world)
    assert (row.status, row.failures) == ("collecting", 1)
    assert before + timedelta(minutes=4) <= row.next_fetch_at <= before + timedelta(minutes=7)
