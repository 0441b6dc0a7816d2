"""Posts over REST: drafts, validation as the user types, the way to scheduled, history and events, field errors,
roles, brand scope and tenant isolation."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx

from chorus_publishing.testing.post_kit import Agency, connected, known_brand, new_post, outbox_events, variant
from chorus_shared.messaging.contracts.planning_brand_voice import ApprovalPolicy
from chorus_shared.testing.postgres import MigratedDatabase

AGENCY = Agency()


def _fields(response: httpx.Response) -> list[tuple[str, str]]:
    assert response.status_code == 422, response.text
    return [(f["field"], f["code"]) for f in response.json()["error"]["fields"]]


async def test_a_draft_goes_to_scheduled_with_its_history_and_events(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY, ApprovalPolicy.INTERNAL)
    post = await new_post(client, AGENCY, brand, variant("mastodon"), variant("bluesky", "Spring 🌷"))
    path = f"/posts/{post['id']}"
    assert (post["state"], [v["network"] for v in post["variants"]]) == ("draft", ["mastodon", "bluesky"])

    on_x = variant("x", "Spring, edited", channel_id=await connected(publishing_db, AGENCY, brand, "x"))
    edited = await client.patch(path, json={"variants": [on_x]}, headers=AGENCY.cm)
    assert edited.json()["variants"][0]["text"] == "Spring, edited"
    assert (await client.post(f"{path}/submit", headers=AGENCY.cm)).json()["state"] == "pending_approval"
    assert (await client.post(f"{path}/approve", json={"note": "Nice"}, headers=AGENCY.smm)).json()["state"] == (
        "approved"
    )
    at = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    scheduled = await client.post(f"{path}/schedule", json={"scheduled_at": at.isoformat()}, headers=AGENCY.cm)
    assert scheduled.json()["state"] == "scheduled"
    assert datetime.fromisoformat(scheduled.json()["scheduled_at"]) == at

    history = (await client.get(f"{path}/history", headers=AGENCY.analyst)).json()
    assert [(h["from_state"], h["to_state"], h["by"], h["reason"]) for h in history] == [
        (None, "draft", "cm", None),
        ("draft", "pending_approval", "cm", None),
        ("pending_approval", "approved", "smm", "Nice"),
        ("approved", "scheduled", "cm", None),
    ]
    events = await outbox_events(publishing_db, str(post["id"]))
    assert [t.removeprefix("chorus.publishing.post.") for t, _ in events] == [
        "created.v1",
        "updated.v1",
        "submitted.v1",
        "approved.v1",
        "scheduled.v1",
    ]
    assert (events[3][1]["by"], events[3][1]["from_state"]) == ("smm", "pending_approval")

    cancelled = await client.post(f"{path}/cancel", json={"reason": "Campaign moved"}, headers=AGENCY.cm)
    assert cancelled.json()["state"] == "cancelled"
    again = await client.post(f"{path}/cancel", headers=AGENCY.cm)
    assert (again.status_code, again.json()["error"]["code"]) == (409, "post_state_conflict")


async def test_validate_reports_per_variant_problems_without_saving(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY)
    body = {
        "brand_id": brand,
        "variants": [
            variant("x", "a" * 270 + " https://example.com/" + "b" * 100),
            variant("instagram", "Caption only"),
            variant("linkedin", "Hi", thread=["no threads here"]),
        ],
    }
    checked = (await client.post("/posts/validate", json=body, headers=AGENCY.cm)).json()
    assert checked["valid"] is False
    assert [(v["network"], v["length"], v["max_length"]) for v in checked["variants"]] == [
        ("x", 294, 280),
        ("instagram", 12, 2200),
        ("linkedin", 2, 3000),
    ]
    assert [(e["field"], e["code"]) for e in checked["errors"]] == [
        ("variants.0.text", "too_long"),
        ("variants.1.media", "media_required"),
        ("variants.2.thread", "threads_unsupported"),
    ]
    listed = (await client.get(f"/brands/{brand}/posts", headers=AGENCY.cm)).json()
    assert listed["items"] == []


async def test_submit_refuses_content_the_network_would_refuse_and_a_variant_without_account(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY)
    no_account = {"network": "mastodon", "text": "Hi"}
    not_connected = variant("x", "Hi")  # planned on an account that was never connected
    post = await new_post(client, AGENCY, brand, variant("bluesky", "x" * 301), no_account, not_connected)
    refused = await client.post(f"/posts/{post['id']}/submit", headers=AGENCY.cm)
    assert _fields(refused) == [
        ("variants.0.text", "too_long"),
        ("variants.1.channel_id", "required"),
        ("variants.0.channel_id", "unknown"),
        ("variants.2.channel_id", "unknown"),
    ]
    assert (await client.get(f"/posts/{post['id']}", headers=AGENCY.cm)).json()["state"] == "draft"


async def test_every_write_answers_bad_input_with_field_errors_and_writes_nothing(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY)
    channel = str(uuid.uuid4())
    bad = {
        "brand_id": brand,
        "variants": [
            {"network": "myspace", "text": "Hi"},
            {"network": "x", "channel_id": channel, "text": "Hi", "link": "ftp://old", "thread": [" "]},
            {"network": "x", "channel_id": channel, "text": "Hi", "media": [{"media_id": str(uuid.uuid4())}]},
        ],
    }
    assert _fields(await client.post("/posts", json=bad, headers=AGENCY.cm)) == [
        ("variants.0.network", "unknown_network"),
        ("variants.1.link", "invalid_url"),
        ("variants.1.thread.0", "required"),
        ("variants.2.channel_id", "duplicate"),
        ("variants.2.media.0.media_id", "unknown"),
    ]
    assert _fields(await client.post("/posts", json={"brand_id": brand, "variants": []}, headers=AGENCY.cm)) == [
        ("variants", "required")
    ]
    assert _fields(await client.post("/posts", json={"brand_id": "nope", "variants": []}, headers=AGENCY.cm))[0] == (
        "brand_id",
        "uuid_parsing",
    )
    other_brand = await known_brand(publishing_db, AGENCY)
    borrowed = variant("mastodon", channel_id=await connected(publishing_db, AGENCY, other_brand, "mastodon"))
    wrong_network = variant("x", channel_id=await connected(publishing_db, AGENCY, brand, "bluesky"))
    channels = {"brand_id": brand, "variants": [borrowed, wrong_network]}
    assert _fields(await client.post("/posts", json=channels, headers=AGENCY.cm)) == [
        ("variants.0.channel_id", "unknown"),
        ("variants.1.channel_id", "network_mismatch"),
    ]
    assert (await client.get(f"/brands/{brand}/posts", headers=AGENCY.cm)).json()["items"] == []

    post = await new_post(client, AGENCY, brand, variant(channel_id=await connected(publishing_db, AGENCY, brand)))
    path = f"/posts/{post['id']}"
    assert _fields(await client.patch(path, json={"variants": [{"network": ""}]}, headers=AGENCY.cm)) == [
        ("variants.0.network", "unknown_network")
    ]
    assert _fields(await client.post(f"{path}/schedule", json={"scheduled_at": "tomorrow"}, headers=AGENCY.cm))
    naive = {"scheduled_at": "2030-01-01T10:00:00"}
    assert _fields(await client.post(f"{path}/schedule", json=naive, headers=AGENCY.cm)) == [
        ("scheduled_at", "timezone_aware")
    ]
    assert _fields(await client.post(f"{path}/comments", json={"text": "  "}, headers=AGENCY.cm)) == [
        ("text", "required")
    ]
    await client.post(f"{path}/submit", headers=AGENCY.cm)
    assert _fields(await client.post(f"{path}/reject", json={}, headers=AGENCY.smm)) == [("reason", "missing")]
    assert _fields(await client.post(f"{path}/reject", json={"reason": " "}, headers=AGENCY.smm)) == [
        ("reason", "required")
    ]
    await client.post(f"{path}/approve", headers=AGENCY.smm)
    past = {"scheduled_at": "2020-01-01T10:00:00+00:00"}
    assert _fields(await client.post(f"{path}/schedule", json=past, headers=AGENCY.cm)) == [("scheduled_at", "past")]
    history = (await client.get(f"{path}/history", headers=AGENCY.cm)).json()
    assert [h["to_state"] for h in history] == ["draft", "pending_approval", "approved"]


async def test_roles_brand_scope_and_tenants(client: httpx.AsyncClient, publishing_db: MigratedDatabase) -> None:
    brand = await known_brand(publishing_db, AGENCY)
    post = await new_post(client, AGENCY, brand)
    path = f"/posts/{post['id']}"

    body = {"brand_id": brand, "variants": [variant()]}
    assert (await client.post("/posts", json=body, headers=AGENCY.analyst)).status_code == 403
    assert (await client.patch(path, json={"variants": [variant()]}, headers=AGENCY.analyst)).status_code == 403
    assert (await client.get(path, headers=AGENCY.analyst)).status_code == 200
    unknown_brand = {"brand_id": str(uuid.uuid4()), "variants": [variant()]}
    assert (await client.post("/posts", json=unknown_brand, headers=AGENCY.cm)).json()["error"]["code"] == (
        "brand_not_known"
    )

    other_brand_client = AGENCY.client_of(str(uuid.uuid4()))
    assert (await client.get(path, headers=other_brand_client)).status_code == 404
    assert (await client.get(f"/brands/{brand}/posts", headers=other_brand_client)).status_code == 404
    assert (await client.get(path, headers=AGENCY.client_of(brand))).status_code == 200

    stranger = Agency()
    assert (await client.get(path, headers=stranger.owner)).status_code == 404
    assert (await client.get(f"{path}/history", headers=stranger.owner)).status_code == 404
    assert (await client.post(f"{path}/cancel", headers=stranger.owner)).status_code == 404
    assert (await client.get(f"/brands/{brand}/posts", headers=stranger.owner)).json()["items"] == []
    assert (await client.get(path, headers=AGENCY.cm)).json()["state"] == "draft"


async def test_a_brands_posts_are_listed_by_state_one_page_after_another(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY)
    ids = sorted([str((await new_post(client, AGENCY, brand))["id"]) for _ in range(3)])
    await client.post(f"/posts/{ids[0]}/cancel", headers=AGENCY.cm)
    first = (await client.get(f"/brands/{brand}/posts?limit=2", headers=AGENCY.cm)).json()
    assert [p["id"] for p in first["items"]] == ids[:2]
    rest = (await client.get(f"/brands/{brand}/posts?limit=2&after={first['next_after']}", headers=AGENCY.cm)).json()
    assert ([p["id"] for p in rest["items"]], rest["next_after"]) == (ids[2:], None)
    drafts = (await client.get(f"/brands/{brand}/posts?state=draft", headers=AGENCY.cm)).json()
    assert [p["id"] for p in drafts["items"]] == ids[1:]
    assert (await client.get(f"/brands/{brand}/posts?state=lost", headers=AGENCY.cm)).status_code == 422
