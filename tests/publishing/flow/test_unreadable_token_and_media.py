"""What the dispatcher does with a channel token it cannot decrypt, and with the media it sends."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.media_storage import LocalMediaStorage
from chorus_publishing.adapters.networks.connector import MediaKind
from chorus_publishing.adapters.networks.errors import RejectedContent
from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.sandbox_server import RunningSandbox
from chorus_publishing.adapters.token_cipher import KeyRing
from chorus_publishing.domain.publication import MediaRef, PublicationContent
from chorus_publishing.service.channel_access import Channels
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_publishing.service.dispatcher import Dispatcher
from chorus_publishing.service.outgoing_media import MediaSource, network_content
from chorus_publishing.testing.channel_kit import KEY_B
from chorus_publishing.testing.dispatch_kit import known_brand
from chorus_shared.auth import Role
from chorus_shared.testing.http import auth_headers, principal

AGENCY = uuid.uuid4()
SMM = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER, subject="smm"))
CM = auth_headers(principal(AGENCY, Role.COMMUNITY_MANAGER, subject="cm"))
PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 32


async def test_a_token_the_keys_cannot_open_holds_the_post_and_disconnects_the_channel(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], sandbox: RunningSandbox
) -> None:
    brand = await known_brand(sessions, AGENCY)
    token = {"network": "sandbox", "secret": "sandbox-token", "account": "rotated"}
    channel = (await client.post(f"/brands/{brand}/channels/token", json=token, headers=SMM)).json()["id"]
    variant = {"network": "sandbox", "channel_id": channel, "text": "Key trouble."}
    post_id = (await client.post("/posts", json={"brand_id": str(brand), "variants": [variant]}, headers=CM)).json()[
        "id"
    ]
    await client.post(f"/posts/{post_id}/submit", headers=CM)
    await client.post(f"/posts/{post_id}/approve", headers=SMM)
    assert (await client.post(f"/posts/{post_id}/schedule", json={"timing": "now"}, headers=CM)).status_code == 200

    # The replica's ring lacks the key the token was sealed with (a key retired before re-encryption).
    connector = SandboxConnector(sandbox.base_url)
    replica = Dispatcher(
        sessions,
        connectors={"sandbox": connector},
        channels=Channels(KeyRing.parse(KEY_B)),
        config=DispatchConfig(poll_s=0.05, sweep_s=0.2),
    )
    stop = asyncio.Event()
    running = asyncio.create_task(replica.run(stop))
    try:
        async with asyncio.timeout(20):
            while (await client.get(f"/channels/{channel}", headers=SMM)).json()["status"] != "disconnected":
                await asyncio.sleep(0.1)
        publications = (await client.get(f"/posts/{post_id}/publications", headers=CM)).json()["items"]
        assert [(p["state"], p["hold_reason"]) for p in publications] == [("paused", "channel_disconnected")]
        assert not running.done()  # the replica keeps going
    finally:
        stop.set()
        await running
        await connector.aclose()
    assert (await client.get(f"/posts/{post_id}", headers=CM)).json()["state"] == "scheduled"
    assert sandbox.network.posts == {}


@pytest.fixture
async def stored(tmp_path: Path) -> tuple[MediaSource, MediaRef]:
    storage = LocalMediaStorage(tmp_path)
    await storage.put("tenant/ab/abcd", PNG)
    ref = MediaRef(media_id=str(uuid.uuid4()), mime_type="image/png", alt_text="A kettle", storage_key="tenant/ab/abcd")
    return MediaSource(storage, public_url="https://media.chorus.example/files/"), ref


async def test_media_goes_out_as_the_stored_bytes_or_as_a_public_address_for_networks_that_fetch_it(
    stored: tuple[MediaSource, MediaRef],
) -> None:
    source, ref = stored
    content = PublicationContent(text="Look.", media=(ref,))

    sent = (await network_content(content, "mastodon", source)).media[0]
    assert (sent.content, sent.kind, sent.alt_text) == (PNG, MediaKind.IMAGE, "A kettle")
    fetched = (await network_content(content, "instagram", source)).media[0]
    assert (fetched.content, fetched.url) == (b"", "https://media.chorus.example/files/tenant/ab/abcd")


async def test_media_missing_from_the_store_is_a_refusal_before_anything_is_sent(
    stored: tuple[MediaSource, MediaRef],
) -> None:
    source, ref = stored
    gone = MediaRef(media_id=ref.media_id, mime_type="image/png", storage_key="tenant/ab/gone")
    with pytest.raises(RejectedContent, match="cannot be read from the media store"):
        await network_content(PublicationContent(text="Look.", media=(gone,)), "sandbox", source)
