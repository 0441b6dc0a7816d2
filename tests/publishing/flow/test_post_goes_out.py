"""A post from connect to live, through the real publishing app, bus, dispatcher and sandbox network: what a
community manager does over REST, what the network ends up with, and what the rest of Chorus hears."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from chorus_publishing.adapters.networks.sandbox_server import RunningSandbox
from chorus_publishing.service.brand_rules import on_policies_changed
from chorus_publishing.testing.bus_watch import BusWatch
from chorus_publishing.testing.dispatch_kit import known_brand, uow_for
from chorus_shared.auth import Role
from chorus_shared.messaging.contracts.planning_brand_voice import (
    ApprovalPolicy,
    BrandPoliciesChangedV1,
    LatePostMode,
)
from chorus_shared.messaging.contracts.publishing import PostPublishedV1
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.testing.http import auth_headers, principal
from chorus_shared.testing.postgres import MigratedDatabase

AGENCY = uuid.uuid4()
SMM = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER, subject="smm"))
CM = auth_headers(principal(AGENCY, Role.COMMUNITY_MANAGER, subject="cm"))
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PUBLISHED = "chorus.publishing.post.published.v1"


async def _eventually(read: Callable[[], Awaitable[httpx.Response]], done: Callable[[Any], bool]) -> Any:
    seen: Any = None
    for _ in range(200):
        response = await read()
        if response.status_code == 200:
            seen = response.json()
            if done(seen):
                return seen
        await asyncio.sleep(0.1)
    raise AssertionError(f"never reached the expected state; last seen {seen}")


async def _connect(client: httpx.AsyncClient, brand: uuid.UUID, account: str) -> str:
    token = {"network": "sandbox", "secret": "sandbox-token", "account": account}
    connected = await client.post(f"/brands/{brand}/channels/token", json=token, headers=SMM)
    assert connected.status_code in (200, 201), connected.text
    return str(connected.json()["id"])


async def _approved_post(client: httpx.AsyncClient, brand: uuid.UUID, variant: dict[str, Any], **extra: Any) -> str:
    created = await client.post("/posts", json={"brand_id": str(brand), "variants": [variant], **extra}, headers=CM)
    assert created.status_code == 201, created.text
    post_id = str(created.json()["id"])
    submitted = (await client.post(f"/posts/{post_id}/submit", headers=CM)).json()
    if submitted["state"] == "pending_approval":  # the brand's policy asks for an agency approval
        assert (await client.post(f"/posts/{post_id}/approve", headers=SMM)).json()["state"] == "approved"
    return post_id


async def _sandbox_posts(sandbox: RunningSandbox) -> list[dict[str, Any]]:
    async with httpx.AsyncClient(base_url=sandbox.base_url) as http:
        posts: list[dict[str, Any]] = (await http.get("/_control/posts")).json()["data"]
        return posts


async def test_a_post_shared_now_goes_live_once_with_its_tagged_link_media_and_first_comment(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    sandbox: RunningSandbox,
    on_bus: BusWatch,
    running: None,
) -> None:
    brand = await known_brand(sessions, AGENCY)
    channel = await _connect(client, brand, "lumiere")
    uploaded = await client.post(f"/brands/{brand}/media", files={"file": ("kettle.png", PNG, "image/png")}, headers=CM)
    assert uploaded.status_code == 201, uploaded.text
    campaign, item = uuid.uuid4(), uuid.uuid4()
    variant = {
        "network": "sandbox",
        "channel_id": channel,
        "text": "Spring is here.",
        "link": "https://lumiere.example/spring",
        "media": [{"media_id": uploaded.json()["id"], "alt_text": "A copper kettle"}],
        "first_comment": "Shop the collection.",
    }
    post_id = await _approved_post(client, brand, variant, campaign_id=str(campaign), content_item_id=str(item))

    shared = await client.post(f"/posts/{post_id}/schedule", json={"timing": "now"}, headers=CM)
    assert shared.status_code == 200, shared.text
    assert shared.json()["state"] == "scheduled"

    done = await _eventually(lambda: client.get(f"/posts/{post_id}", headers=CM), lambda p: p["state"] == "published")
    live = done["variants"][0]
    assert live["network_post_id"]
    assert live["url"]
    history = (await client.get(f"/posts/{post_id}/history", headers=CM)).json()
    moves = [(h["from_state"], h["to_state"], h["by"]) for h in history]
    assert moves[-3:] == [
        ("approved", "scheduled", "cm"),
        ("scheduled", "publishing", "chorus.publishing.dispatcher"),
        ("publishing", "published", "chorus.publishing.dispatcher"),
    ]

    on_network = await _sandbox_posts(sandbox)
    assert len(on_network) == 1
    tagged = f"https://lumiere.example/spring?utm_source=sandbox&utm_medium=social&utm_campaign={campaign}"
    assert on_network[0]["text"] == f"Spring is here.\n\n{tagged}"
    assert on_network[0]["id"] == live["network_post_id"]
    stored = sandbox.network.posts[on_network[0]["id"]]
    assert stored.media_count == 1
    assert [c.text for c in stored.comments] == ["Shop the collection."]

    # What planning's consumer reads: the post's address and the content item it was handed over as.
    event = await on_bus.wait_for(PUBLISHED, post_id)
    published = PostPublishedV1.model_validate(event.data)
    assert (published.content_item_id, published.network_post_id) == (item, live["network_post_id"])
    assert published.network_post_url == live["url"]


async def test_a_401_disconnects_the_channel_and_holds_the_post_until_reconnecting_releases_it_once(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    sandbox: RunningSandbox,
    on_bus: BusWatch,
    running: None,
) -> None:
    brand = await known_brand(sessions, AGENCY)
    channel = await _connect(client, brand, "maison")
    post_id = await _approved_post(client, brand, {"network": "sandbox", "channel_id": channel, "text": "Hello."})
    async with httpx.AsyncClient(base_url=sandbox.base_url) as http:
        refused = {"kind": "401", "count": 1, "account": "maison"}
        assert (await http.post("/_control/failures", json=refused)).status_code == 204

    assert (await client.post(f"/posts/{post_id}/schedule", json={"timing": "now"}, headers=CM)).status_code == 200
    await _eventually(lambda: client.get(f"/channels/{channel}", headers=SMM), lambda c: c["status"] == "disconnected")
    held = await _eventually(
        lambda: client.get(f"/posts/{post_id}/publications", headers=CM),
        lambda ps: ps["items"][0]["state"] == "paused",
    )
    assert held["items"][0]["hold_reason"] == "channel_disconnected"
    assert (await client.get(f"/posts/{post_id}", headers=CM)).json()["state"] == "scheduled"
    await asyncio.sleep(0.5)  # the dispatcher keeps running: a held post stays off the network
    assert await _sandbox_posts(sandbox) == []

    assert await _connect(client, brand, "maison") == channel  # the same account: its channel, connected again
    await _eventually(lambda: client.get(f"/posts/{post_id}", headers=CM), lambda p: p["state"] == "published")
    assert len(await _sandbox_posts(sandbox)) == 1
    history = (await client.get(f"/posts/{post_id}/history", headers=CM)).json()
    assert [h["to_state"] for h in history][-5:] == ["scheduled", "publishing", "scheduled", "publishing", "published"]
    assert history[-3]["reason"] == "channel_disconnected"
    await on_bus.wait_for(PUBLISHED, post_id)


async def test_a_post_past_the_brands_late_window_is_missed_not_sent(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    sandbox: RunningSandbox,
    publishing_db: MigratedDatabase,
    running: None,
) -> None:
    brand = await known_brand(sessions, AGENCY)
    await _policies(sessions, brand, LatePostMode.PUBLISH_LATE, window_minutes=2)
    channel = await _connect(client, brand, "atelier")
    post_id = await _approved_post(client, brand, {"network": "sandbox", "channel_id": channel, "text": "Late."})
    assert (await client.get(f"/posts/{post_id}", headers=CM)).json()["state"] == "approved"  # policy: none
    later = {"timing": "custom", "at": (datetime.now(UTC) + timedelta(hours=1)).isoformat()}
    assert (await client.post(f"/posts/{post_id}/schedule", json=later, headers=CM)).status_code == 200
    await _came_due_while_down(publishing_db, post_id, ago=timedelta(minutes=5))  # inside the 15-min default

    failed = await _eventually(lambda: client.get(f"/posts/{post_id}", headers=CM), lambda p: p["state"] == "failed")
    assert failed["variants"][0]["network_post_id"] is None
    history = (await client.get(f"/posts/{post_id}/history", headers=CM)).json()
    assert history[-1]["from_state"] == "scheduled"
    assert "more than 120s late" in history[-1]["reason"]
    publications = (await client.get(f"/posts/{post_id}/publications", headers=CM)).json()
    assert [p["state"] for p in publications["items"]] == ["missed"]
    assert await _sandbox_posts(sandbox) == []


async def _policies(
    sessions: async_sessionmaker[AsyncSession], brand: uuid.UUID, mode: LatePostMode, *, window_minutes: int | None
) -> None:
    changed = BrandPoliciesChangedV1(
        brand_id=brand,
        approval_policy=ApprovalPolicy.NONE,
        late_post_mode=mode,
        late_window_minutes=window_minutes,
        version=1,
    )
    event = CloudEvent(
        type=changed.event_type,
        source="chorus.planning",
        subject=str(brand),
        tenantid=str(AGENCY),
        data=changed.model_dump(mode="json"),
    )
    async with uow_for(sessions, AGENCY) as uow:
        await on_policies_changed(uow, event)
        await uow.commit()


async def _came_due_while_down(db: MigratedDatabase, post_id: str, *, ago: timedelta) -> None:
    owner = create_async_engine(db.owner_url)
    due = datetime.now(UTC) - ago
    async with owner.begin() as conn:
        await conn.execute(text("SELECT set_config('app.tenant_id', :t, true)"), {"t": str(AGENCY)})
        ids = [r.id for r in await conn.execute(text("SELECT id FROM publications WHERE post_id = :p"), {"p": post_id})]
        await conn.execute(text("UPDATE publications SET due_at = :d WHERE id = ANY(:i)"), {"d": due, "i": ids})
        await conn.execute(
            text("UPDATE dispatch_queue SET run_at = :d WHERE publication_id = ANY(:i)"), {"d": due, "i": ids}
        )
    await owner.dispose()
