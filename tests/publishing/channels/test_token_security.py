"""Token security: rotation of the key ring over stored rows, ciphertexts bound to their row, tenant and brand
isolation, roles for disconnecting, and no secret in any response, log record or error text."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import chorus_publishing
from chorus_publishing.adapters.orm import outbox
from chorus_publishing.adapters.token_cipher import KeyRing, TokenDecryptionFailed, TokenKeyError
from chorus_publishing.domain.errors import ChannelNotFound
from chorus_publishing.service.channel_keys import key_ring
from chorus_publishing.service.channel_tokens import reencrypt_tokens, refresh_due_tokens
from chorus_publishing.service.channels import credentials_for
from chorus_publishing.settings import PublishingSettings
from chorus_publishing.testing.channel_kit import (
    KEY_A,
    KEY_B,
    FakeOAuth,
    connect_x,
    known_brand,
    outbox_events,
    owner_sql,
)
from chorus_shared.auth import Role
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.testing.http import auth_headers, principal
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase

AGENCY = uuid.uuid4()
SMM = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER, subject="user-smm"))
CM = auth_headers(principal(AGENCY, Role.COMMUNITY_MANAGER, subject="user-cm"))
SANDBOX_TOKEN = "sandbox-secret-token-0042"


@pytest.fixture
def publishing_db(service_database: MakeDatabase) -> MigratedDatabase:
    """A database per test: key rotation works across tenants, so rows of earlier tests would count too."""
    return service_database("publishing", migrations=Path(chorus_publishing.__file__).parent / "migrations")


async def _sandbox(client: httpx.AsyncClient, brand: uuid.UUID, account: str) -> str:
    body = {"network": "sandbox", "account": account, "secret": SANDBOX_TOKEN}
    connected = await client.post(f"/brands/{brand}/channels/token", json=body, headers=SMM)
    assert connected.status_code == 200, connected.text
    return str(connected.json()["id"])


async def _credentials(
    sessions: async_sessionmaker[AsyncSession], channel_id: str, ring: str, tenant: uuid.UUID = AGENCY
) -> str:
    async with UnitOfWork(sessions, outbox=outbox, source="tests", tenant_id=tenant) as uow:
        _, credentials = await credentials_for(uow, uuid.UUID(channel_id), keys=KeyRing.parse(ring))
    return credentials.access_token


async def test_rotation_reseals_old_rows_under_the_new_key(
    client: httpx.AsyncClient,
    fake_oauth: tuple[FakeOAuth, str],
    publishing_db: MigratedDatabase,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    brand = await known_brand(publishing_db, AGENCY)
    sandbox = await _sandbox(client, brand, "demo")
    x = await connect_x(client, fake_oauth[0], brand, SMM)
    x_token = await _credentials(sessions, x, KEY_A)
    rotated = f"{KEY_B},{KEY_A}"
    assert await _credentials(sessions, sandbox, rotated) == SANDBOX_TOKEN  # old rows stay readable meanwhile

    assert await reencrypt_tokens(sessions, KeyRing.parse(rotated)) == 2
    assert await reencrypt_tokens(sessions, KeyRing.parse(rotated)) == 0
    assert await _credentials(sessions, sandbox, KEY_B) == SANDBOX_TOKEN  # the old key can leave the ring
    assert await _credentials(sessions, x, KEY_B) == x_token
    stored = await owner_sql(
        publishing_db,
        "SELECT access_token_ciphertext AS a, refresh_token_ciphertext AS r FROM channels ORDER BY id",
        tenant=AGENCY,
    )
    assert all(row.a.startswith("key-b:") for row in stored)
    assert [row.r.startswith("key-b:") for row in stored if row.r] == [True]
    keys = await owner_sql(publishing_db, "SELECT DISTINCT key_id FROM channel_token_index")
    assert [row.key_id for row in keys] == ["key-b"]


async def test_a_ciphertext_copied_to_another_channel_does_not_decrypt(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase, sessions: async_sessionmaker[AsyncSession]
) -> None:
    brand = await known_brand(publishing_db, AGENCY)
    first, second = await _sandbox(client, brand, "one"), await _sandbox(client, brand, "two")
    await owner_sql(
        publishing_db,
        "UPDATE channels SET access_token_ciphertext = (SELECT access_token_ciphertext FROM channels WHERE id = :a)"
        " WHERE id = :b",
        a=first,
        b=second,
        tenant=AGENCY,
    )
    with pytest.raises(TokenDecryptionFailed) as failed:
        await _credentials(sessions, second, KEY_A)
    assert SANDBOX_TOKEN not in str(failed.value)
    assert await _credentials(sessions, first, KEY_A) == SANDBOX_TOKEN


async def test_other_agencies_and_other_brands_see_no_channel(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase, sessions: async_sessionmaker[AsyncSession]
) -> None:
    brand = await known_brand(publishing_db, AGENCY)
    channel = await _sandbox(client, brand, "demo")
    stranger = auth_headers(principal(uuid.uuid4(), Role.OWNER))
    other_brand_client = auth_headers(principal(AGENCY, Role.CLIENT, brands=[uuid.uuid4()]))
    own_brand_client = auth_headers(principal(AGENCY, Role.CLIENT, brands=[brand]))
    for headers in (stranger, other_brand_client):
        assert (await client.get(f"/channels/{channel}", headers=headers)).status_code == 404
        assert (await client.get(f"/brands/{brand}/channels", headers=headers)).json()["items"] == []
    assert (await client.post(f"/channels/{channel}/disconnect", headers=stranger)).status_code == 404
    assert (await client.post(f"/channels/{channel}/reconnect", headers=stranger)).status_code == 404
    assert (await client.get(f"/channels/{channel}", headers=own_brand_client)).status_code == 200
    with pytest.raises(ChannelNotFound):
        await _credentials(sessions, channel, KEY_A, tenant=uuid.uuid4())
    async with sessions() as session:  # no tenant set: RLS shows nothing
        assert (await session.execute(text("SELECT count(*) FROM channels"))).scalar_one() == 0


async def test_an_smm_disconnects_a_cm_may_not_and_token_channels_reconnect_by_token(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY)
    channel = await _sandbox(client, brand, "demo")
    assert (await client.post(f"/channels/{channel}/disconnect", headers=CM)).status_code == 403
    reconnect = await client.post(f"/channels/{channel}/reconnect", headers=SMM)
    assert (reconnect.status_code, reconnect.json()["error"]["code"]) == (409, "reconnect_by_token")
    gone = await client.post(f"/channels/{channel}/disconnect", headers=SMM)
    assert (gone.json()["status"], gone.json()["last_error"]) == ("disconnected", "Disconnected by a person.")
    assert (await client.post(f"/channels/{channel}/disconnect", headers=SMM)).status_code == 200
    events = await outbox_events(publishing_db, channel)
    assert [e["type"].rsplit(".", 2)[-2] for e in events] == ["connected", "disconnected"]
    assert events[1]["data"]["disconnected_by"] == "user-smm"
    assert (await client.get(f"/channels/{channel}", headers=CM)).json()["status"] == "disconnected"
    assert await _sandbox(client, brand, "demo") == channel  # the same account connects its old channel again


async def test_no_secret_appears_in_responses_logs_or_errors(
    client: httpx.AsyncClient,
    fake_oauth: tuple[FakeOAuth, str],
    publishing_db: MigratedDatabase,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    fake, _ = fake_oauth
    brand = await known_brand(publishing_db, AGENCY)
    answers: list[str] = []
    x = await connect_x(client, fake, brand, SMM)
    answers.append((await client.get(f"/channels/{x}", headers=SMM)).text)
    answers.append((await client.get(f"/brands/{brand}/channels", headers=CM)).text)
    started = await client.post(f"/brands/{brand}/channels/oauth/start", json={"network": "x"}, headers=SMM)
    state, code = fake.consent(started.json()["authorization_url"])
    fake.answer_next.append((400, {"error": "invalid_grant", "error_description": f"bad code {code}"}))
    answers.append(
        (await client.post("/channels/oauth/callback", json={"state": state, "code": code}, headers=SMM)).text
    )
    too_long = "S" * 5000
    for body in (
        {"network": "sandbox", "account": "demo", "secret": SANDBOX_TOKEN},
        {"network": "mastodon", "secret": SANDBOX_TOKEN, "instance_url": "http://127.0.0.1:9"},
        {"network": "sandbox", "account": "demo", "secret": too_long},
    ):
        answers.append((await client.post(f"/brands/{brand}/channels/token", json=body, headers=SMM)).text)
    secrets = {*fake.access_tokens, *fake.refresh_tokens, SANDBOX_TOKEN, too_long, code, "client-secret-never-shown"}
    seen = "\n".join([*answers, caplog.text, *(str(r.exc_info[1]) for r in caplog.records if r.exc_info)])
    assert [secret for secret in secrets if secret in seen] == []
    assert "502" in answers[-2] or "network_unavailable" in answers[-2]  # the unreachable instance said so


async def test_a_token_no_configured_key_can_open_disconnects_its_channel_at_refresh(
    client: httpx.AsyncClient,
    fake_oauth: tuple[FakeOAuth, str],
    publishing_db: MigratedDatabase,
    sessions: async_sessionmaker[AsyncSession],
    settings: PublishingSettings,
) -> None:
    channel = await connect_x(client, fake_oauth[0], await known_brand(publishing_db, AGENCY), SMM)
    lost_key = settings.model_copy(update={"token_keys": SecretStr(KEY_B)})  # key-a was dropped too early
    async with httpx.AsyncClient() as http:
        outcome = await refresh_due_tokens(sessions, lost_key, http, now=datetime.now(UTC) + timedelta(hours=2))
    assert outcome.disconnected == 1
    shown = (await client.get(f"/channels/{channel}", headers=SMM)).json()
    assert (shown["status"], shown["last_error"]) == (
        "disconnected",
        "The stored token cannot be decrypted with the configured keys.",
    )


def test_the_dev_only_key_is_refused_in_production() -> None:
    with pytest.raises(TokenKeyError, match="CHORUS_PUBLISHING_TOKEN_KEYS"):
        key_ring(PublishingSettings(env="production"))
    assert key_ring(PublishingSettings(env="production", token_keys=SecretStr(KEY_B))).current.key_id == "key-b"
