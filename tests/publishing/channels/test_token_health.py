"""Token health: refreshed ahead of expiry, token_expiring when refresh keeps failing, disconnected when the network
refuses for good or answers 401, reconnect through the link, and no token ever in a response, log or error."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import chorus_publishing
from chorus_publishing.adapters.orm import outbox
from chorus_publishing.adapters.token_cipher import KeyRing
from chorus_publishing.domain.errors import ChannelDisconnected
from chorus_publishing.service.channel_refresher import run_token_refresher
from chorus_publishing.service.channel_tokens import refresh_due_tokens
from chorus_publishing.service.channels import credentials_for, mark_disconnected
from chorus_publishing.settings import PublishingSettings
from chorus_publishing.testing.channel_kit import KEY_A, FakeOAuth, connect_x, known_brand, outbox_events, owner_sql
from chorus_shared.auth import Role
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.testing.http import auth_headers, principal
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase

AGENCY = uuid.uuid4()
SMM = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER, subject="user-smm"))
RING = KeyRing.parse(KEY_A)


@pytest.fixture
def publishing_db(service_database: MakeDatabase) -> MigratedDatabase:
    """A database per test: the refresher works across tenants, so channels of earlier tests would be due too."""
    return service_database("publishing", migrations=Path(chorus_publishing.__file__).parent / "migrations")


@pytest.fixture
async def network_http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as http:
        yield http


async def _token(sessions: async_sessionmaker[AsyncSession], channel_id: str) -> str:
    async with UnitOfWork(sessions, outbox=outbox, source="tests", tenant_id=AGENCY) as uow:
        _, credentials = await credentials_for(uow, uuid.UUID(channel_id), keys=RING)
    return credentials.access_token


async def _types(database: MigratedDatabase, channel_id: str) -> list[str]:
    return [
        str(e["type"]).removeprefix("chorus.publishing.channel.") for e in await outbox_events(database, channel_id)
    ]


async def test_a_token_is_refreshed_ahead_of_expiry_once_even_with_two_workers(
    client: httpx.AsyncClient,
    fake_oauth: tuple[FakeOAuth, str],
    publishing_db: MigratedDatabase,
    sessions: async_sessionmaker[AsyncSession],
    settings: PublishingSettings,
    network_http: httpx.AsyncClient,
) -> None:
    fake, _ = fake_oauth
    channel_id = await connect_x(client, fake, await known_brand(publishing_db, AGENCY), SMM)
    first = await _token(sessions, channel_id)
    shown = (await client.get(f"/channels/{channel_id}", headers=SMM)).json()
    due = datetime.fromisoformat(shown["refresh_due_at"])
    assert datetime.fromisoformat(shown["token_expires_at"]) - due == timedelta(minutes=30)  # a quarter of 2 hours

    early = await refresh_due_tokens(sessions, settings, network_http, now=due - timedelta(seconds=1))
    assert early.refreshed == 0
    both = await asyncio.gather(
        refresh_due_tokens(sessions, settings, network_http, now=due),
        refresh_due_tokens(sessions, settings, network_http, now=due),
    )
    assert sum(outcome.refreshed for outcome in both) == 1
    assert [c["grant_type"] for c in fake.token_calls] == ["authorization_code", "refresh_token"]
    assert await _token(sessions, channel_id) != first
    after = (await client.get(f"/channels/{channel_id}", headers=SMM)).json()
    assert (after["status"], after["refresh_due_at"] > shown["refresh_due_at"]) == ("connected", True)
    assert await _types(publishing_db, channel_id) == ["connected.v1", "token_refreshed.v1"]


async def test_a_refused_refresh_disconnects_with_a_reconnect_link_that_works(
    client: httpx.AsyncClient,
    fake_oauth: tuple[FakeOAuth, str],
    publishing_db: MigratedDatabase,
    sessions: async_sessionmaker[AsyncSession],
    settings: PublishingSettings,
    network_http: httpx.AsyncClient,
) -> None:
    fake, _ = fake_oauth
    channel_id = await connect_x(client, fake, await known_brand(publishing_db, AGENCY), SMM)
    fake.revoke_refresh_tokens()
    outcome = await refresh_due_tokens(sessions, settings, network_http, now=datetime.now(UTC) + timedelta(hours=2))
    assert outcome.disconnected == 1
    shown = (await client.get(f"/channels/{channel_id}", headers=SMM)).json()
    assert shown["status"] == "disconnected"
    assert "invalid_grant" in shown["last_error"]
    [_, disconnected] = await outbox_events(publishing_db, channel_id)
    assert disconnected["data"]["reconnect_url"] == f"/channels/{channel_id}/reconnect" == shown["reconnect_url"]
    with pytest.raises(ChannelDisconnected):
        await _token(sessions, channel_id)
    stored = await owner_sql(
        publishing_db, "SELECT access_token_ciphertext FROM channels WHERE id = :id", id=channel_id, tenant=AGENCY
    )
    assert stored[0].access_token_ciphertext is None  # a dead token is not kept
    assert (
        await owner_sql(publishing_db, "SELECT 1 FROM channel_token_index WHERE channel_id = :id", id=channel_id) == []
    )

    link = await client.post(shown["reconnect_url"], headers=SMM)
    state, code = fake.consent(link.json()["authorization_url"])
    back = await client.post("/channels/oauth/callback", json={"state": state, "code": code}, headers=SMM)
    assert (back.json()["id"], back.json()["status"]) == (channel_id, "connected")
    assert await _types(publishing_db, channel_id) == ["connected.v1", "disconnected.v1", "connected.v1"]


async def test_a_refresh_failing_for_a_while_warns_once_then_disconnects_at_expiry(
    client: httpx.AsyncClient,
    fake_oauth: tuple[FakeOAuth, str],
    publishing_db: MigratedDatabase,
    sessions: async_sessionmaker[AsyncSession],
    settings: PublishingSettings,
    network_http: httpx.AsyncClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    fake, _ = fake_oauth
    channel_id = await connect_x(client, fake, await known_brand(publishing_db, AGENCY), SMM)
    secrets = {await _token(sessions, channel_id), *fake.refresh_tokens}
    expires = datetime.fromisoformat(
        (await client.get(f"/channels/{channel_id}", headers=SMM)).json()["token_expires_at"]
    )
    fake.answer_next.extend([(503, {"error": "server_error"})] * 3)

    # Each failure retries 15 minutes later (token_refresh_retry_seconds): at 20 and 5 minutes before expiry.
    first = await refresh_due_tokens(sessions, settings, network_http, now=expires - timedelta(minutes=20))
    second = await refresh_due_tokens(sessions, settings, network_http, now=expires - timedelta(minutes=5))
    assert (first.failed, second.failed) == (1, 1)
    shown = (await client.get(f"/channels/{channel_id}", headers=SMM)).json()
    assert shown["status"] == "expiring"
    assert "503" in shown["last_error"]
    assert await _types(publishing_db, channel_id) == ["connected.v1", "token_expiring.v1"]  # warned once

    late = await refresh_due_tokens(sessions, settings, network_http, now=expires + timedelta(minutes=10))
    assert late.disconnected == 1
    events = await outbox_events(publishing_db, channel_id)
    assert [e["type"] for e in events][-1] == "chorus.publishing.channel.disconnected.v1"
    assert events[1]["data"]["reconnect_url"] == f"/channels/{channel_id}/reconnect"

    texts = [caplog.text, str(events), (await client.get(f"/channels/{channel_id}", headers=SMM)).text]
    assert not [secret for secret in secrets for seen in texts if secret in seen]


async def test_a_401_from_the_network_disconnects_through_mark_disconnected(
    client: httpx.AsyncClient,
    fake_oauth: tuple[FakeOAuth, str],
    publishing_db: MigratedDatabase,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    fake, _ = fake_oauth
    channel_id = await connect_x(client, fake, await known_brand(publishing_db, AGENCY), SMM)
    async with UnitOfWork(sessions, outbox=outbox, source="chorus.publishing", tenant_id=AGENCY) as uow:
        await mark_disconnected(uow, uuid.UUID(channel_id), "x: POST /2/tweets -> 401: Unauthorized")
        await mark_disconnected(uow, uuid.UUID(channel_id), "x: POST /2/tweets -> 401: Unauthorized")
        await uow.commit()
    shown = (await client.get(f"/channels/{channel_id}", headers=SMM)).json()
    assert (shown["status"], shown["last_error"]) == ("disconnected", "x: POST /2/tweets -> 401: Unauthorized")
    assert await _types(publishing_db, channel_id) == ["connected.v1", "disconnected.v1"]  # once, not twice
    with pytest.raises(ChannelDisconnected):
        await _token(sessions, channel_id)


async def test_the_worker_loop_refreshes_a_short_lived_token_at_once_and_stops_on_request(
    client: httpx.AsyncClient,
    fake_oauth: tuple[FakeOAuth, str],
    publishing_db: MigratedDatabase,
    sessions: async_sessionmaker[AsyncSession],
    settings: PublishingSettings,
) -> None:
    fake, _ = fake_oauth
    fake.expires_in = 60  # shorter than the 5-minute minimum lead: due as soon as it is granted
    channel_id = await connect_x(client, fake, await known_brand(publishing_db, AGENCY), SMM)
    stop = asyncio.Event()
    loop = asyncio.create_task(
        run_token_refresher(sessions, settings.model_copy(update={"token_refresh_interval_seconds": 0.05}), stop)
    )
    for _ in range(200):
        if "token_refreshed.v1" in await _types(publishing_db, channel_id):
            break
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(loop, timeout=5)
    assert "refresh_token" in [call["grant_type"] for call in fake.token_calls]
    assert "token_refreshed.v1" in await _types(publishing_db, channel_id)
