"""Connecting Mastodon by access token, Bluesky by handle + app password, sandbox by name; the stored credentials
then publish through the real connectors on their fake networks, as the dispatcher will use them."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.networks.bluesky import BlueskyConnector
from chorus_publishing.adapters.networks.connector import PostContent
from chorus_publishing.adapters.networks.mastodon import MastodonConnector
from chorus_publishing.adapters.orm import outbox
from chorus_publishing.adapters.token_cipher import KeyRing
from chorus_publishing.service.channels import credentials_for
from chorus_publishing.testing.channel_kit import KEY_A, known_brand, outbox_events
from chorus_publishing.testing.fake_networks import bluesky as fake_bluesky
from chorus_publishing.testing.fake_networks import mastodon as fake_mastodon
from chorus_publishing.testing.fake_networks.common import serve
from chorus_shared.auth import Role
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.testing.http import auth_headers, principal
from chorus_shared.testing.postgres import MigratedDatabase

AGENCY = uuid.uuid4()
SMM = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER, subject="user-smm"))
CM = auth_headers(principal(AGENCY, Role.COMMUNITY_MANAGER, subject="user-cm"))


@pytest.fixture
async def mastodon() -> AsyncIterator[tuple[fake_mastodon.FakeMastodon, str]]:
    fake = fake_mastodon.FakeMastodon()
    async with serve(fake.app()) as url:
        yield fake, url


@pytest.fixture
async def bluesky() -> AsyncIterator[tuple[fake_bluesky.FakeBluesky, str]]:
    fake = fake_bluesky.FakeBluesky()
    async with serve(fake.app()) as url:
        yield fake, url


async def test_a_mastodon_token_connects_and_publishes_through_credentials_for(
    client: httpx.AsyncClient,
    publishing_db: MigratedDatabase,
    sessions: async_sessionmaker[AsyncSession],
    mastodon: tuple[fake_mastodon.FakeMastodon, str],
) -> None:
    fake, url = mastodon
    brand = await known_brand(publishing_db, AGENCY)
    body = {"network": "mastodon", "secret": fake_mastodon.TOKEN, "instance_url": url + "/"}
    connected = await client.post(f"/brands/{brand}/channels/token", json=body, headers=SMM)
    assert connected.status_code == 200, connected.text
    channel = connected.json()
    assert (channel["account_id"], channel["display_name"], channel["instance_url"]) == (
        fake_mastodon.ACCOUNT_ID,
        "@brand",
        url,
    )
    assert fake_mastodon.TOKEN not in connected.text
    assert channel["token_expires_at"] is None

    async with UnitOfWork(sessions, outbox=outbox, source="tests", tenant_id=AGENCY) as uow:
        network, credentials = await credentials_for(uow, uuid.UUID(channel["id"]), keys=KeyRing.parse(KEY_A))
    assert network == "mastodon"
    assert fake_mastodon.TOKEN not in repr(credentials)
    connector = MastodonConnector()
    published = await connector.publish(credentials, PostContent(text="Hello from Chorus"), idempotency_key="k1")
    await connector.aclose()
    assert published.network_post_id in fake.statuses

    again = await client.post(f"/brands/{brand}/channels/token", json=body, headers=SMM)
    assert again.json()["id"] == channel["id"]  # one channel per (brand, network, account)
    events = await outbox_events(publishing_db, channel["id"])
    assert [e["data"]["reconnected"] for e in events] == [False, True]


async def test_a_bluesky_app_password_connects_by_handle_and_keeps_the_did(
    client: httpx.AsyncClient,
    publishing_db: MigratedDatabase,
    sessions: async_sessionmaker[AsyncSession],
    bluesky: tuple[fake_bluesky.FakeBluesky, str],
) -> None:
    fake, url = bluesky
    brand = await known_brand(publishing_db, AGENCY)
    body = {"network": "bluesky", "account": fake_bluesky.HANDLE, "secret": fake_bluesky.APP_PASSWORD}
    refused = await client.post(
        f"/brands/{brand}/channels/token", json={**body, "secret": "wrong-pass", "instance_url": url}, headers=SMM
    )
    assert (refused.status_code, refused.json()["error"]["fields"][0]) == (
        422,
        {"field": "secret", "message": "The network refused these credentials.", "code": "refused"},
    )
    connected = await client.post(f"/brands/{brand}/channels/token", json={**body, "instance_url": url}, headers=SMM)
    channel = connected.json()
    assert (channel["account_id"], channel["display_name"]) == (fake_bluesky.DID, "@" + fake_bluesky.HANDLE)
    assert fake_bluesky.APP_PASSWORD not in connected.text

    async with UnitOfWork(sessions, outbox=outbox, source="tests", tenant_id=AGENCY) as uow:
        _, credentials = await credentials_for(uow, uuid.UUID(channel["id"]), keys=KeyRing.parse(KEY_A))
    connector = BlueskyConnector()
    published = await connector.publish(credentials, PostContent(text="Hello, sky"), idempotency_key="k1")
    await connector.aclose()
    assert published.network_post_id in fake.records


async def test_token_connect_names_each_bad_field_and_writes_nothing(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY)
    path = f"/brands/{brand}/channels/token"

    async def fields(body: dict[str, str]) -> dict[str, str]:
        answer = await client.post(path, json=body, headers=SMM)
        assert answer.status_code == 422, answer.text
        return {f["field"]: f["code"] for f in answer.json()["error"]["fields"]}

    assert await fields({"network": "mastodon", "secret": " "}) == {"secret": "required", "instance_url": "required"}
    assert await fields({"network": "mastodon", "secret": "t", "instance_url": "ftp://x"}) == {
        "instance_url": "invalid"
    }
    assert await fields({"network": "bluesky", "secret": "p"}) == {"account": "required"}
    assert await fields({"network": "linkedin", "secret": "t"}) == {"network": "invalid"}
    assert await fields({"network": "sandbox"}) == {"secret": "missing"}
    assert (
        await client.post(path, json={"network": "sandbox", "secret": "t", "account": "a"}, headers=CM)
    ).status_code == 403
    assert (await client.get(f"/brands/{brand}/channels", headers=SMM)).json()["items"] == []

    sandbox = await client.post(path, json={"network": "sandbox", "secret": "t", "account": "demo"}, headers=SMM)
    assert (sandbox.json()["network"], sandbox.json()["account_id"]) == ("sandbox", "demo")
