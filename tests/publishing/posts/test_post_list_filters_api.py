"""A brand's post list narrowed by state (several at once), channel and scheduled time range, still paged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

from chorus_publishing.testing.post_kit import Agency, connected, known_brand, new_post, variant
from chorus_shared.messaging.contracts.planning_brand_voice import ApprovalPolicy
from chorus_shared.testing.postgres import MigratedDatabase

AGENCY = Agency()


async def _scheduled(client: httpx.AsyncClient, post_id: str, at: datetime) -> None:
    assert (await client.post(f"/posts/{post_id}/submit", headers=AGENCY.cm)).json()["state"] == "approved"
    body = {"scheduled_at": at.isoformat()}
    assert (await client.post(f"/posts/{post_id}/schedule", json=body, headers=AGENCY.cm)).status_code == 200


async def test_posts_are_listed_by_states_channel_and_scheduled_range(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY, ApprovalPolicy.NONE)
    mastodon = await connected(publishing_db, AGENCY, brand, "mastodon")
    bluesky = await connected(publishing_db, AGENCY, brand, "bluesky")
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    later = soon + timedelta(days=7)
    on_mastodon = await new_post(client, AGENCY, brand, variant("mastodon", channel_id=mastodon))
    on_bluesky = await new_post(client, AGENCY, brand, variant("bluesky", channel_id=bluesky))
    draft = await new_post(client, AGENCY, brand, variant("mastodon", channel_id=mastodon))
    await _scheduled(client, on_mastodon["id"], soon)
    await _scheduled(client, on_bluesky["id"], later)
    path = f"/brands/{brand}/posts"

    async def ids(**params: str | list[str]) -> set[str]:
        response = await client.get(path, params=params, headers=AGENCY.analyst)
        assert response.status_code == 200, response.text
        return {p["id"] for p in response.json()["items"]}

    assert await ids(channel_id=mastodon) == {on_mastodon["id"], draft["id"]}
    assert await ids(state=["scheduled", "draft"]) == {on_mastodon["id"], on_bluesky["id"], draft["id"]}
    assert await ids(state="draft") == {draft["id"]}
    window = {"scheduled_from": soon.isoformat(), "scheduled_before": (soon + timedelta(days=1)).isoformat()}
    assert await ids(**window) == {on_mastodon["id"]}
    assert await ids(scheduled_from=later.isoformat(), channel_id=bluesky) == {on_bluesky["id"]}
    assert await ids(scheduled_before=soon.isoformat()) == set()

    first = (await client.get(path, params={"state": ["scheduled", "draft"], "limit": 2}, headers=AGENCY.cm)).json()
    rest = await client.get(
        path, params={"state": ["scheduled", "draft"], "after": first["next_after"]}, headers=AGENCY.cm
    )
    assert len(first["items"]) + len(rest.json()["items"]) == 3

    naive = await client.get(path, params={"scheduled_from": "2030-01-01T09:00:00"}, headers=AGENCY.cm)
    assert naive.status_code == 422
    assert naive.json()["error"]["fields"][0]["field"] == "scheduled_from"
    other_brand = AGENCY.client_of(str(on_mastodon["id"]))
    assert (await client.get(path, headers=other_brand)).status_code == 404
