"""A post on two channels: published once both are live; failed (never stuck publishing) when one channel fails
and the other goes out, until the failed one is retried."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.networks.sandbox import SandboxConnector
from chorus_publishing.adapters.networks.sandbox_server import RunningSandbox
from chorus_publishing.service.channel_access import Channels
from chorus_publishing.service.channel_keys import key_ring
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_publishing.service.dispatcher import Dispatcher
from chorus_publishing.settings import PublishingSettings
from chorus_publishing.testing.bus_watch import BusWatch
from chorus_publishing.testing.dispatch_kit import known_brand
from chorus_shared.auth import Role
from chorus_shared.testing.http import auth_headers, principal

AGENCY = uuid.uuid4()
SMM = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER, subject="smm"))
CM = auth_headers(principal(AGENCY, Role.COMMUNITY_MANAGER, subject="cm"))
PNG = b"\x89PNG\r\n\x1a\n" + b"\x02" * 32


@pytest.fixture
async def impatient(
    sessions: async_sessionmaker[AsyncSession], settings: PublishingSettings, sandbox: RunningSandbox
) -> AsyncIterator[None]:
    """A replica that gives up on a channel after one server error."""
    connector = SandboxConnector(sandbox.base_url)
    replica = Dispatcher(
        sessions,
        connectors={"sandbox": connector},
        channels=Channels(key_ring(settings)),
        config=DispatchConfig(poll_s=0.05, sweep_s=0.2, max_failures=1),
    )
    stop = asyncio.Event()
    running = asyncio.create_task(replica.run(stop))
    try:
        yield
    finally:
        stop.set()
        await running
        await connector.aclose()


async def _post_on(
    client: httpx.AsyncClient, brand: uuid.UUID, accounts: list[str], *, photo_on_first: bool = False
) -> tuple[str, list[str]]:
    channels = []
    for account in accounts:
        token = {"network": "sandbox", "secret": "sandbox-token", "account": account}
        channels.append(
            str((await client.post(f"/brands/{brand}/channels/token", json=token, headers=SMM)).json()["id"])
        )
    variants: list[dict[str, Any]] = [
        {"network": "sandbox", "channel_id": c, "text": f"Hello from {a}."}
        for c, a in zip(channels, accounts, strict=True)
    ]
    if photo_on_first:
        files = {"file": ("photo.png", PNG, "image/png")}
        photo = (await client.post(f"/brands/{brand}/media", files=files, headers=CM)).json()["id"]
        variants[0]["media"] = [{"media_id": photo}]
    created = await client.post("/posts", json={"brand_id": str(brand), "variants": variants}, headers=CM)
    post_id = str(created.json()["id"])
    await client.post(f"/posts/{post_id}/submit", headers=CM)
    await client.post(f"/posts/{post_id}/approve", headers=SMM)
    return post_id, channels


async def _until(
    client: httpx.AsyncClient, post_id: str, state: str, also: Callable[[Any], bool] = lambda _: True
) -> dict[str, Any]:
    async with asyncio.timeout(20):
        while (post := (await client.get(f"/posts/{post_id}", headers=CM)).json())["state"] != state or not also(post):
            await asyncio.sleep(0.1)
    found: dict[str, Any] = post
    return found


async def _fail_next(sandbox: RunningSandbox, kind: str, account: str) -> None:
    async with httpx.AsyncClient(base_url=sandbox.base_url) as http:
        assert (await http.post("/_control/failures", json={"kind": kind, "account": account})).status_code == 204


async def test_a_post_is_published_once_both_channels_have_it_with_an_event_per_channel(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    sandbox: RunningSandbox,
    on_bus: BusWatch,
    impatient: None,
) -> None:
    brand = await known_brand(sessions, AGENCY)
    post_id, _ = await _post_on(client, brand, ["north", "south"])
    assert (await client.post(f"/posts/{post_id}/schedule", json={"timing": "now"}, headers=CM)).status_code == 200

    post = await _until(client, post_id, "published")
    assert all(v["network_post_id"] for v in post["variants"])
    history = (await client.get(f"/posts/{post_id}/history", headers=CM)).json()
    assert [h["to_state"] for h in history][-3:] == ["scheduled", "publishing", "published"]
    async with asyncio.timeout(20):
        while len(on_bus.of_type("chorus.publishing.post.published.v1", post_id)) < 2:
            await asyncio.sleep(0.05)
    assert len(sandbox.network.posts) == 2


async def test_one_channel_failing_while_the_other_goes_out_late_leaves_the_post_failed_until_retried(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    sandbox: RunningSandbox,
    settings: PublishingSettings,
    running: None,
) -> None:
    brand = await known_brand(sessions, AGENCY)
    post_id, (east, west) = await _post_on(client, brand, ["east", "west"], photo_on_first=True)
    stored = next(f for f in Path(settings.media_path).rglob("*") if f.is_file())
    kept = stored.read_bytes()
    stored.unlink()  # east's photo is gone from the media store: east fails before anything is sent
    await _fail_next(sandbox, "429", "west")  # west is deferred a second, then sent
    assert (await client.post(f"/posts/{post_id}/schedule", json={"timing": "now"}, headers=CM)).status_code == 200

    post = await _until(client, post_id, "failed", lambda p: any(v["network_post_id"] for v in p["variants"]))
    live = {v["channel_id"]: v["network_post_id"] for v in post["variants"]}
    assert live[east] is None
    assert live[west] is not None
    history = (await client.get(f"/posts/{post_id}/history", headers=CM)).json()
    assert any("cannot be read from the media store" in (h["reason"] or "") for h in history)
    assert "some of its channels only" in history[-1]["reason"]

    stored.write_bytes(kept)
    publications = (await client.get(f"/posts/{post_id}/publications", headers=CM)).json()["items"]
    failed = next(p for p in publications if p["channel_id"] == east)
    assert (await client.post(f"/publications/{failed['id']}/retry", headers=CM)).status_code == 200
    await _until(client, post_id, "published")
    assert sorted(p.account for p in sandbox.network.posts.values()) == ["east", "west"]


async def test_a_channel_whose_outcome_is_unknown_keeps_the_post_unconfirmed_while_the_other_goes_out(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    sandbox: RunningSandbox,
    running: None,
) -> None:
    brand = await known_brand(sessions, AGENCY)
    post_id, (east, west) = await _post_on(client, brand, ["dawn", "dusk"])
    await _fail_next(sandbox, "500", "dawn")  # a 5xx on a create: the network may have it
    await _fail_next(sandbox, "429", "dusk")
    assert (await client.post(f"/posts/{post_id}/schedule", json={"timing": "now"}, headers=CM)).status_code == 200

    post = await _until(client, post_id, "unconfirmed", lambda p: bool(p["variants"][1]["network_post_id"]))
    assert post["variants"][0]["network_post_id"] is None  # a person decides; it is never re-sent blindly
    assert [p.account for p in sandbox.network.posts.values()] == ["dusk"]
