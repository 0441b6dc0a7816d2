"""The editorial calendar's content items over REST: planning, production status, hand-over, roles and tenants."""

from __future__ import annotations

import uuid

import httpx

from chorus_planning.testing.callers import Agency, new_brand, outbox_events
from chorus_shared.testing.postgres import MigratedDatabase

AGENCY = Agency()
TEASER = {
    "title": "Spring collection teaser",
    "brief": "Fifteen seconds of the new colours",
    "channels": ["instagram", "tiktok"],
    "format": "reel",
    "planned_local": "2026-04-02T18:30:00",
}


async def _item(client: httpx.AsyncClient, brand: str, **changes: object) -> dict[str, object]:
    response = await client.post(f"/brands/{brand}/content-items", json={**TEASER, **changes}, headers=AGENCY.smm)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def _move(
    client: httpx.AsyncClient, brand: str, item: object, status: str, headers: dict[str, str]
) -> httpx.Response:
    return await client.post(f"/brands/{brand}/content-items/{item}/status", json={"status": status}, headers=headers)


async def test_a_planned_time_is_local_to_the_brand_and_stored_in_utc(
    client: httpx.AsyncClient, planning_db: MigratedDatabase
) -> None:
    brand = await new_brand(client, AGENCY)
    item = await _item(client, brand)
    assert (item["planned_at"], item["planned_local"]) == ("2026-04-02T16:30:00Z", "2026-04-02T18:30:00+02:00")
    assert (item["status"], item["planned_timezone"]) == ("idea", "Europe/Paris")
    read = await client.get(f"/brands/{brand}/content-items/{item['id']}", headers=AGENCY.analyst)
    assert read.json() == item
    assert [t for t, _ in await outbox_events(planning_db, str(item["id"]))] == [
        "chorus.planning.content_item.created.v1"
    ]


async def test_a_community_manager_takes_a_ready_item_to_publishing_and_the_event_carries_the_plan(
    client: httpx.AsyncClient, planning_db: MigratedDatabase
) -> None:
    brand = await new_brand(client, AGENCY)
    campaign = str(uuid.uuid4())
    item = await _item(client, brand, campaign_id=campaign)
    for status in ("planned", "in_production", "ready"):
        moved = await _move(client, brand, item["id"], status, AGENCY.cm)
        assert moved.json()["status"] == status, moved.text
    handed = await client.post(f"/brands/{brand}/content-items/{item['id']}/hand-over", headers=AGENCY.cm)
    assert handed.json()["status"] == "handed_over"
    events = await outbox_events(planning_db, str(item["id"]))
    assert [t.split(".")[-2] for t, _ in events] == [
        "created",
        "status_changed",
        "status_changed",
        "status_changed",
        "status_changed",
        "handed_over",
    ]
    _, handover = events[-1]
    assert handover == {
        "content_item_id": item["id"],
        "brand_id": brand,
        "campaign_id": campaign,
        "objective_id": None,
        "title": "Spring collection teaser",
        "brief": "Fifteen seconds of the new colours",
        "channels": ["instagram", "tiktok"],
        "format": "reel",
        "planned_at": "2026-04-02T16:30:00Z",
        "planned_timezone": "Europe/Paris",
        "handed_over_by": str(AGENCY.cm_id),
    }


async def test_refused_moves_say_why_and_change_nothing(client: httpx.AsyncClient) -> None:
    brand = await new_brand(client, AGENCY)
    item = await _item(client, brand)
    skipped = await _move(client, brand, item["id"], "ready", AGENCY.smm)
    assert skipped.status_code == 409
    assert skipped.json()["error"]["code"] == "content_item_transition_refused"
    assert "cannot move to ready (allowed: planned)" in skipped.json()["error"]["message"]
    by_hand = await _move(client, brand, item["id"], "published", AGENCY.smm)
    assert "not by hand" in by_hand.json()["error"]["message"]
    early = await client.post(f"/brands/{brand}/content-items/{item['id']}/hand-over", headers=AGENCY.smm)
    assert (early.status_code, early.json()["error"]["code"]) == (409, "content_item_transition_refused")
    unscheduled = await _item(client, brand, planned_local=None, channels=[])
    refused = await _move(client, brand, unscheduled["id"], "planned", AGENCY.smm)
    assert refused.status_code == 422
    assert {f["field"] for f in refused.json()["error"]["fields"]} == {"planned_at", "channels"}
    read = await client.get(f"/brands/{brand}/content-items/{item['id']}", headers=AGENCY.smm)
    assert (read.json()["status"], read.json()["version"]) == ("idea", 1)


async def test_a_time_skipped_by_spring_forward_is_refused_with_a_field_error(client: httpx.AsyncClient) -> None:
    brand = await new_brand(client, AGENCY)
    refused = await client.post(
        f"/brands/{brand}/content-items", json={**TEASER, "planned_local": "2026-03-29T02:30:00"}, headers=AGENCY.smm
    )
    assert refused.status_code == 422
    [field] = refused.json()["error"]["fields"]
    assert (field["field"], field["code"]) == ("planned_local", "nonexistent_local_time")
    assert "does not exist in Europe/Paris" in field["message"]
    with_offset = await client.post(
        f"/brands/{brand}/content-items",
        json={**TEASER, "planned_local": "2026-04-02T18:30:00+02:00"},
        headers=AGENCY.smm,
    )
    assert with_offset.json()["error"]["fields"][0]["code"] == "local_time_expected"
    listed = await client.get(f"/brands/{brand}/content-items", headers=AGENCY.smm)
    assert listed.json()["items"] == []


async def test_bad_input_names_each_field(client: httpx.AsyncClient) -> None:
    brand = await new_brand(client, AGENCY)
    response = await client.post(
        f"/brands/{brand}/content-items",
        json={"title": "x", "channels": ["instagram", "myspace"], "format": "podcast", "objective_id": "nope"},
        headers=AGENCY.smm,
    )
    assert response.status_code == 422
    assert {f["field"] for f in response.json()["error"]["fields"]} == {"channels.1", "format", "objective_id"}
    blank = await client.post(f"/brands/{brand}/content-items", json={"title": "  "}, headers=AGENCY.smm)
    assert [(f["field"], f["code"]) for f in blank.json()["error"]["fields"]] == [("title", "required")]


async def test_replanning_changes_the_time_and_clears_fields_sent_as_null(client: httpx.AsyncClient) -> None:
    brand = await new_brand(client, AGENCY)
    item = await _item(client, brand, assignee_id=str(AGENCY.cm_id))
    changed = await client.patch(
        f"/brands/{brand}/content-items/{item['id']}",
        json={"planned_local": "2026-12-01T09:00:00", "assignee_id": None, "title": None},
        headers=AGENCY.smm,
    )
    body = changed.json()
    assert (body["planned_at"], body["assignee_id"], body["title"]) == ("2026-12-01T08:00:00Z", None, TEASER["title"])
    assert body["version"] == 2


async def test_community_managers_and_clients_cannot_plan_and_clients_cannot_move_items(
    client: httpx.AsyncClient,
) -> None:
    brand = await new_brand(client, AGENCY)
    item = await _item(client, brand)
    customer = AGENCY.client_of(brand)
    for who in (AGENCY.cm, customer, AGENCY.analyst):
        assert (await client.post(f"/brands/{brand}/content-items", json=TEASER, headers=who)).status_code == 403
    assert (await _move(client, brand, item["id"], "planned", customer)).status_code == 403
    assert (await client.get(f"/brands/{brand}/content-items/{item['id']}", headers=customer)).status_code == 200


async def test_items_of_another_brand_or_agency_are_not_found(client: httpx.AsyncClient) -> None:
    brand, other_brand = await new_brand(client, AGENCY), await new_brand(client, AGENCY)
    item = await _item(client, brand)
    hidden = await client.get(f"/brands/{other_brand}/content-items/{item['id']}", headers=AGENCY.smm)
    assert (hidden.status_code, hidden.json()["error"]["code"]) == (404, "content_item_not_found")
    outsider = Agency()
    assert (await client.get(f"/brands/{brand}/content-items/{item['id']}", headers=outsider.owner)).status_code == 404
    moved = await _move(client, brand, item["id"], "planned", outsider.owner)
    assert (moved.status_code, moved.json()["error"]["code"]) == (404, "brand_not_found")
    customer = AGENCY.client_of(other_brand)
    assert (await client.get(f"/brands/{brand}/content-items", headers=customer)).status_code == 404


async def test_listing_pages_with_after_and_filters_by_status(client: httpx.AsyncClient) -> None:
    brand = await new_brand(client, AGENCY)
    ids = sorted([str((await _item(client, brand, title=f"Post {n}"))["id"]) for n in range(3)])
    await _move(client, brand, ids[0], "planned", AGENCY.smm)
    first = (await client.get(f"/brands/{brand}/content-items?limit=2", headers=AGENCY.smm)).json()
    second = (
        await client.get(f"/brands/{brand}/content-items?limit=2&after={first['next_after']}", headers=AGENCY.smm)
    ).json()
    assert [i["id"] for i in first["items"] + second["items"]] == ids
    assert second["next_after"] is None
    planned = (await client.get(f"/brands/{brand}/content-items?status=planned", headers=AGENCY.smm)).json()
    assert [i["id"] for i in planned["items"]] == [ids[0]]
