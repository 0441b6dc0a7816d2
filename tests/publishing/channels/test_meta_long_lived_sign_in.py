"""Facebook and Instagram keep a long-lived sign-in: the callback trades the hour-long user token for a 60-day one
before listing pages, so the page kept does not expire; when Meta refuses the trade, nothing is connected."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.orm import outbox
from chorus_publishing.service.channel_keys import key_ring
from chorus_publishing.service.channels import credentials_for
from chorus_publishing.settings import PublishingSettings
from chorus_publishing.testing.channel_kit import CLIENT_SECRET, FakeOAuth, known_brand
from chorus_publishing.testing.fake_networks.graph import TOKEN
from chorus_shared.auth import Role
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.testing.http import auth_headers, principal
from chorus_shared.testing.postgres import MigratedDatabase

AGENCY = uuid.uuid4()
SMM = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER, subject="user-smm"))
SHORT_LIVED_SECONDS = 3600  # what Meta's code exchange gives: a user token good for about an hour
OTHER_TOKEN = "graph-secret-second-page-token"
FAKE_META_ACCESS_LOG = "uvicorn.access"  # the fake Meta server's own request log: Meta's side, not Chorus'


async def _sign_in(client: httpx.AsyncClient, fake: FakeOAuth, brand: uuid.UUID, network: str) -> httpx.Response:
    started = await client.post(f"/brands/{brand}/channels/oauth/start", json={"network": network}, headers=SMM)
    assert started.status_code == 200, started.text
    state, code = fake.consent(started.json()["authorization_url"])
    return await client.post("/channels/oauth/callback", json={"state": state, "code": code}, headers=SMM)


async def test_a_facebook_page_is_listed_with_the_long_lived_sign_in_and_its_token_does_not_expire(
    client: httpx.AsyncClient,
    fake_oauth: tuple[FakeOAuth, str],
    publishing_db: MigratedDatabase,
    settings: PublishingSettings,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    fake, _ = fake_oauth
    fake.expires_in = SHORT_LIVED_SECONDS
    fake.manages_page("1010", "Kettle Co Paris", TOKEN)
    brand = await known_brand(publishing_db, AGENCY)

    connected = await _sign_in(client, fake, brand, "facebook")

    assert connected.status_code == 200, connected.text
    channel = connected.json()
    assert (channel["status"], channel["account_id"]) == ("connected", "1010")
    [short_lived] = fake.exchanged
    [long_lived] = fake.long_lived_tokens
    assert short_lived != long_lived
    assert fake.pages_listed_with == [long_lived]  # the short-lived token never listed the pages
    assert (channel["token_expires_at"], channel["refresh_due_at"]) == (None, None)
    async with UnitOfWork(sessions, outbox=outbox, source="tests", tenant_id=AGENCY) as uow:
        _, credentials = await credentials_for(uow, uuid.UUID(channel["id"]), keys=key_ring(settings))
    assert credentials.access_token == TOKEN


async def test_an_instagram_choice_waits_on_the_long_lived_sign_in_not_the_hour_long_one(
    client: httpx.AsyncClient, fake_oauth: tuple[FakeOAuth, str], publishing_db: MigratedDatabase
) -> None:
    fake, _ = fake_oauth
    fake.expires_in = SHORT_LIVED_SECONDS
    fake.manages_page("2020", "Kettle Co Lyon", OTHER_TOKEN, instagram=("17841", "kettleco.lyon"))
    fake.manages_page("1010", "Kettle Co Paris", TOKEN, instagram=("17842", "kettleco.paris"))
    brand = await known_brand(publishing_db, AGENCY)

    pending = await _sign_in(client, fake, brand, "instagram")

    assert (pending.status_code, pending.json()["status"]) == (200, "pending")
    expires_at = datetime.fromisoformat(pending.json()["token_expires_at"])
    assert expires_at - datetime.now(UTC) > timedelta(days=59)  # the choice can wait weeks, not an hour
    channel_id = pending.json()["id"]
    listed = await client.get(f"/channels/{channel_id}/accounts", headers=SMM)
    assert [item["id"] for item in listed.json()["items"]] == ["17841", "17842"]
    chosen = await client.post(f"/channels/{channel_id}/accounts/select", json={"account_id": "17842"}, headers=SMM)
    assert (chosen.json()["status"], chosen.json()["token_expires_at"]) == ("connected", None)
    [long_lived] = fake.long_lived_tokens
    assert fake.pages_listed_with == [long_lived, long_lived, long_lived]  # sign-in, the list shown, the choice


async def test_a_refused_long_lived_exchange_fails_the_callback_and_connects_nothing(
    client: httpx.AsyncClient, fake_oauth: tuple[FakeOAuth, str], publishing_db: MigratedDatabase
) -> None:
    fake, _ = fake_oauth
    fake.manages_page("1010", "Kettle Co Paris", TOKEN)
    fake.session_invalidated = True  # the person changed their Facebook password between consent and callback
    brand = await known_brand(publishing_db, AGENCY)

    refused = await _sign_in(client, fake, brand, "facebook")

    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["code"] == "validation_failed"
    assert refused.json()["error"]["fields"] == [
        {
            "field": "code",
            "message": "Meta would not extend the facebook sign-in (OAuthException 190); connect again.",
            "code": "not_extended",
        }
    ]
    assert len(fake.exchanged) == 1
    assert fake.pages_listed_with == []  # the short-lived token was not used to reach a page either
    assert (await client.get(f"/brands/{brand}/channels", headers=SMM)).json()["items"] == []


async def test_no_app_secret_or_meta_token_appears_in_answers_logs_or_errors(
    client: httpx.AsyncClient,
    fake_oauth: tuple[FakeOAuth, str],
    publishing_db: MigratedDatabase,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # httpx logs every request URL: the exchange carries secrets in its query
    fake, _ = fake_oauth
    fake.manages_page("1010", "Kettle Co Paris", TOKEN)
    brand = await known_brand(publishing_db, AGENCY)

    connected = await _sign_in(client, fake, brand, "facebook")
    fake.session_invalidated = True
    refused = await _sign_in(client, fake, brand, "instagram")

    assert (connected.status_code, refused.status_code) == (200, 422)
    assert len(fake.exchanged) == 2
    logged = [r.getMessage() for r in caplog.records if r.getMessage().startswith("HTTP Request: GET")]
    assert len([line for line in logged if "/oauth/access_token" in line]) == 2  # logged, so the check below bites
    ours = [r for r in caplog.records if r.name != FAKE_META_ACCESS_LOG]
    secrets = {CLIENT_SECRET, TOKEN, *fake.exchanged, *fake.long_lived_tokens}
    seen = "\n".join(
        [
            connected.text,
            refused.text,
            *(r.getMessage() for r in ours),
            *(str(r.exc_info[1]) for r in ours if r.exc_info),
        ]
    )
    assert [secret for secret in secrets if secret in seen] == []
