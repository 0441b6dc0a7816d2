"""Facebook and Instagram connect as a page: one page connects at once, several wait for the person's choice."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.networks.connector import PostContent
from chorus_publishing.adapters.networks.facebook import FacebookPagesConnector
from chorus_publishing.adapters.orm import outbox
from chorus_publishing.service.channel_keys import key_ring
from chorus_publishing.service.channels import credentials_for
from chorus_publishing.settings import PublishingSettings
from chorus_publishing.testing.channel_kit import FakeOAuth, known_brand, owner_sql
from chorus_publishing.testing.fake_networks.common import serve
from chorus_publishing.testing.fake_networks.graph import TOKEN, FakeGraph, create_app
from chorus_shared.auth import Role
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.testing.http import auth_headers, principal
from chorus_shared.testing.postgres import MigratedDatabase

AGENCY = uuid.uuid4()
SMM = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER, subject="user-smm"))
OTHER_TOKEN = "graph-secret-second-page-token"


async def _sign_in(client: httpx.AsyncClient, fake: FakeOAuth, brand: uuid.UUID, network: str) -> httpx.Response:
    started = await client.post(f"/brands/{brand}/channels/oauth/start", json={"network": network}, headers=SMM)
    assert started.status_code == 200, started.text
    state, code = fake.consent(started.json()["authorization_url"])
    return await client.post("/channels/oauth/callback", json={"state": state, "code": code}, headers=SMM)


def _no_page_token(*responses: httpx.Response) -> None:
    for response in responses:
        assert TOKEN not in response.text
        assert OTHER_TOKEN not in response.text


async def test_one_page_connects_the_channel_to_that_page_with_a_token_that_does_not_expire(
    client: httpx.AsyncClient, fake_oauth: tuple[FakeOAuth, str], publishing_db: MigratedDatabase
) -> None:
    fake, _ = fake_oauth
    fake.manages_page("1010", "Kettle Co Paris", TOKEN)
    brand = await known_brand(publishing_db, AGENCY)

    connected = await _sign_in(client, fake, brand, "facebook")

    assert connected.status_code == 200, connected.text
    channel = connected.json()
    assert (channel["status"], channel["account_id"], channel["display_name"]) == (
        "connected",
        "1010",
        "Kettle Co Paris",
    )
    assert channel["token_expires_at"] is None
    assert channel["refresh_due_at"] is None
    _no_page_token(connected, await client.get(f"/channels/{channel['id']}", headers=SMM))
    rows = await owner_sql(
        publishing_db, "SELECT access_token_ciphertext FROM channels WHERE id = :id", id=channel["id"], tenant=AGENCY
    )
    assert TOKEN not in rows[0].access_token_ciphertext


async def test_two_pages_wait_for_a_choice_then_the_chosen_page_publishes_with_its_stored_token(
    client: httpx.AsyncClient,
    fake_oauth: tuple[FakeOAuth, str],
    publishing_db: MigratedDatabase,
    settings: PublishingSettings,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    fake, _ = fake_oauth
    fake.manages_page("2020", "Kettle Co Lyon", OTHER_TOKEN)
    fake.manages_page("1010", "Kettle Co Paris", TOKEN)
    brand = await known_brand(publishing_db, AGENCY)

    pending = await _sign_in(client, fake, brand, "facebook")
    assert pending.status_code == 200, pending.text
    channel_id = pending.json()["id"]
    assert pending.json()["status"] == "pending"
    listed = await client.get(f"/channels/{channel_id}/accounts", headers=SMM)
    assert listed.status_code == 200, listed.text
    assert listed.json()["items"] == [
        {"id": "2020", "name": "Kettle Co Lyon"},
        {"id": "1010", "name": "Kettle Co Paris"},
    ]
    chosen = await client.post(f"/channels/{channel_id}/accounts/select", json={"account_id": "1010"}, headers=SMM)

    assert chosen.status_code == 200, chosen.text
    assert (chosen.json()["status"], chosen.json()["account_id"]) == ("connected", "1010")
    assert chosen.json()["id"] == channel_id
    _no_page_token(pending, listed, chosen)
    graph = FakeGraph()
    async with (
        serve(create_app(graph)) as graph_url,
        UnitOfWork(sessions, outbox=outbox, source="tests", tenant_id=AGENCY) as uow,
    ):
        _, credentials = await credentials_for(uow, uuid.UUID(channel_id), keys=key_ring(settings))
        connector = FacebookPagesConnector(base_url=graph_url)
        posted = await connector.publish(credentials, PostContent(text="Bonjour Paris"), idempotency_key="k1")
        await connector.aclose()
    assert posted.network_post_id.startswith("1010_")
    assert [post["message"] for post in graph.of_kind("post")] == ["Bonjour Paris"]


async def test_an_account_not_listed_is_refused_and_the_channel_stays_pending(
    client: httpx.AsyncClient, fake_oauth: tuple[FakeOAuth, str], publishing_db: MigratedDatabase
) -> None:
    fake, _ = fake_oauth
    fake.manages_page("2020", "Kettle Co Lyon", OTHER_TOKEN, instagram=("17841", "kettleco.lyon"))
    fake.manages_page("1010", "Kettle Co Paris", TOKEN, instagram=("17842", "kettleco.paris"))
    brand = await known_brand(publishing_db, AGENCY)
    channel_id = (await _sign_in(client, fake, brand, "instagram")).json()["id"]

    refused = await client.post(f"/channels/{channel_id}/accounts/select", json={"account_id": "1010"}, headers=SMM)

    assert refused.status_code == 422, refused.text
    assert [e["field"] for e in refused.json()["error"]["fields"]] == ["account_id"]
    assert (await client.get(f"/channels/{channel_id}", headers=SMM)).json()["status"] == "pending"
    listed = await client.get(f"/channels/{channel_id}/accounts", headers=SMM)
    assert [c["name"] for c in listed.json()["items"]] == ["kettleco.lyon", "kettleco.paris"]
    chosen = await client.post(f"/channels/{channel_id}/accounts/select", json={"account_id": "17842"}, headers=SMM)
    assert (chosen.json()["status"], chosen.json()["account_id"]) == ("connected", "17842")
    again = await client.post(f"/channels/{channel_id}/accounts/select", json={"account_id": "17842"}, headers=SMM)
    assert again.status_code == 409
    _no_page_token(refused, listed, chosen, again)


async def test_a_single_instagram_account_connects_directly_and_pages_without_one_are_no_choice(
    client: httpx.AsyncClient, fake_oauth: tuple[FakeOAuth, str], publishing_db: MigratedDatabase
) -> None:
    fake, _ = fake_oauth
    fake.manages_page("2020", "Kettle Co Lyon", OTHER_TOKEN)
    fake.manages_page("1010", "Kettle Co Paris", TOKEN, instagram=("17842", "kettleco.paris"))
    brand = await known_brand(publishing_db, AGENCY)

    connected = await _sign_in(client, fake, brand, "instagram")

    assert (connected.json()["status"], connected.json()["account_id"]) == ("connected", "17842")
    assert connected.json()["display_name"] == "kettleco.paris"
    _no_page_token(connected)
