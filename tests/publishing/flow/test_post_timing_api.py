"""Scheduling a post over REST with each timing (queue, next, now, custom), and cancelling it: the post's time is
its publications' time, and what a cancel leaves behind is never sent."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.testing.dispatch_kit import known_brand
from chorus_shared.auth import Role
from chorus_shared.testing.http import auth_headers, principal

AGENCY = uuid.uuid4()
SMM = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER, subject="smm"))
CM = auth_headers(principal(AGENCY, Role.COMMUNITY_MANAGER, subject="cm"))
PARIS = ZoneInfo("Europe/Paris")  # the brands known_brand makes live there


async def _channel_with_daily_slots(client: httpx.AsyncClient, brand: uuid.UUID, account: str) -> str:
    token = {"network": "sandbox", "secret": "sandbox-token", "account": account}
    channel = str((await client.post(f"/brands/{brand}/channels/token", json=token, headers=SMM)).json()["id"])
    for weekday in range(7):
        slot = {"brand_id": str(brand), "weekday": weekday, "time": "09:30"}
        assert (await client.post(f"/channels/{channel}/slots", json=slot, headers=SMM)).status_code == 201
    return channel


async def _approved(client: httpx.AsyncClient, brand: uuid.UUID, channel: str, words: str) -> str:
    variant = {"network": "sandbox", "channel_id": channel, "text": words}
    post_id = str(
        (await client.post("/posts", json={"brand_id": str(brand), "variants": [variant]}, headers=CM)).json()["id"]
    )
    await client.post(f"/posts/{post_id}/submit", headers=CM)
    assert (await client.post(f"/posts/{post_id}/approve", headers=SMM)).json()["state"] == "approved"
    return post_id


async def _schedule(client: httpx.AsyncClient, post_id: str, body: dict[str, Any]) -> httpx.Response:
    return await client.post(f"/posts/{post_id}/schedule", json=body, headers=CM)


async def _publications(client: httpx.AsyncClient, post_id: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = (await client.get(f"/posts/{post_id}/publications", headers=CM)).json()["items"]
    return found


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value)


async def test_queue_takes_the_next_free_slot_and_next_takes_the_first_moving_the_queue_down(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    brand = await known_brand(sessions, AGENCY)
    channel = await _channel_with_daily_slots(client, brand, "queue")
    queued = await _approved(client, brand, channel, "Queued.")
    first_slot = _at((await _schedule(client, queued, {"timing": "queue"})).json()["scheduled_at"])
    assert first_slot > datetime.now(UTC)
    assert [(p["timing"], _at(p["due_at"])) for p in await _publications(client, queued)] == [("queue", first_slot)]

    urgent = await _approved(client, brand, channel, "Urgent.")
    assert _at((await _schedule(client, urgent, {"timing": "next"})).json()["scheduled_at"]) == first_slot
    moved = await _publications(client, queued)
    local_first, local_moved = first_slot.astimezone(PARIS), _at(moved[0]["due_at"]).astimezone(PARIS)
    assert (local_moved.date(), local_moved.time()) == (local_first.date() + timedelta(days=1), time(9, 30))


async def test_a_custom_time_is_the_publications_due_time_and_a_missing_or_past_one_is_a_field_error(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    brand = await known_brand(sessions, AGENCY)
    channel = await _channel_with_daily_slots(client, brand, "custom")
    post_id = await _approved(client, brand, channel, "At three.")

    missing = await _schedule(client, post_id, {"timing": "custom"})
    past = await _schedule(client, post_id, {"timing": "custom", "at": "2020-01-01T10:00:00+00:00"})
    for refused in (missing, past):
        assert refused.status_code == 422, refused.text
    assert [f["code"] for f in missing.json()["error"]["fields"]] == ["required"]
    assert [f["code"] for f in past.json()["error"]["fields"]] == ["past"]
    assert await _publications(client, post_id) == []

    at = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    assert (
        _at((await _schedule(client, post_id, {"timing": "custom", "at": at.isoformat()})).json()["scheduled_at"]) == at
    )
    later = at + timedelta(hours=3)
    assert (await _schedule(client, post_id, {"scheduled_at": later.isoformat()})).status_code == 200
    states = [(p["state"], _at(p["due_at"])) for p in await _publications(client, post_id)]
    assert sorted(states) == sorted([("cancelled", at), ("scheduled", later)])  # rescheduling replaces, never adds


async def test_cancelling_a_scheduled_post_cancels_its_publications(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    brand = await known_brand(sessions, AGENCY)
    channel = await _channel_with_daily_slots(client, brand, "cancel")
    post_id = await _approved(client, brand, channel, "Never mind.")
    assert (await _schedule(client, post_id, {"timing": "queue"})).status_code == 200

    cancelled = await client.post(f"/posts/{post_id}/cancel", json={"reason": "Off-brand."}, headers=CM)
    assert cancelled.json()["state"] == "cancelled"
    assert [p["state"] for p in await _publications(client, post_id)] == ["cancelled"]
