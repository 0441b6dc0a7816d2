"""The community managers' roadmap over REST: tasks, checklists, supervision, routines, roles and tenants."""

from __future__ import annotations

import uuid

import httpx

from chorus_planning.testing.callers import Agency, new_brand, outbox_events
from chorus_shared.testing.postgres import MigratedDatabase

AGENCY = Agency()


def _task_body(**changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "title": "Weekend moderation",
        "assignee_id": str(AGENCY.cm_id),
        "due_at": "2026-05-04T08:00:00Z",
        "steps": [{"title": "Read the comments"}, {"title": "Answer the questions"}],
    }
    return {**body, **changes}


async def _task(client: httpx.AsyncClient, brand: str, **changes: object) -> dict[str, object]:
    response = await client.post(f"/brands/{brand}/tasks", json=_task_body(**changes), headers=AGENCY.smm)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def _move(
    client: httpx.AsyncClient,
    brand: str,
    task: object,
    headers: dict[str, str],
    status: str,
    comment: str | None = None,
) -> httpx.Response:
    body = {"status": status, "comment": comment}
    return await client.post(f"/brands/{brand}/tasks/{task}/status", json=body, headers=headers)


async def _tick_all(client: httpx.AsyncClient, brand: str, task: object, headers: dict[str, str]) -> None:
    for position in (0, 1):
        ticked = await client.put(
            f"/brands/{brand}/tasks/{task}/steps/{position}", json={"done": True}, headers=headers
        )
        assert ticked.status_code == 200, ticked.text


async def test_a_task_goes_through_work_review_send_back_and_approval(
    client: httpx.AsyncClient, planning_db: MigratedDatabase
) -> None:
    brand = await new_brand(client, AGENCY)
    task = await _task(client, brand)
    assert (await _move(client, brand, task["id"], AGENCY.cm, "in_progress")).json()["status"] == "in_progress"
    unfinished = await _move(client, brand, task["id"], AGENCY.cm, "submitted")
    assert unfinished.status_code == 422
    assert [f["field"] for f in unfinished.json()["error"]["fields"]] == ["steps.0.done", "steps.1.done"]
    await _tick_all(client, brand, task["id"], AGENCY.cm)
    assert (await _move(client, brand, task["id"], AGENCY.cm, "submitted")).json()["status"] == "submitted"

    cm_approves = await _move(client, brand, task["id"], AGENCY.cm, "approved")
    assert (cm_approves.status_code, cm_approves.json()["error"]["code"]) == (403, "forbidden")
    silent = await _move(client, brand, task["id"], AGENCY.smm, "sent_back")
    assert [(f["field"], f["code"]) for f in silent.json()["error"]["fields"]] == [("comment", "required")]
    sent_back = await _move(client, brand, task["id"], AGENCY.smm, "sent_back", "Answer the complaint first.")
    assert (sent_back.json()["status"], sent_back.json()["review_comment"]) == (
        "sent_back",
        "Answer the complaint first.",
    )
    await _move(client, brand, task["id"], AGENCY.cm, "in_progress")
    await _move(client, brand, task["id"], AGENCY.cm, "submitted")
    approved = await _move(client, brand, task["id"], AGENCY.smm, "approved")
    assert approved.json()["status"] == "approved"
    closed = await _move(client, brand, task["id"], AGENCY.cm, "in_progress")
    assert (closed.status_code, closed.json()["error"]["code"]) == (409, "roadmap_task_transition_refused")

    changes = [d for t, d in await outbox_events(planning_db, str(task["id"])) if t.endswith("status_changed.v1")]
    assert [c["status"] for c in changes] == [
        "in_progress",
        "submitted",
        "sent_back",
        "in_progress",
        "submitted",
        "approved",
    ]
    assert changes[2]["comment"] == "Answer the complaint first."


async def test_a_community_manager_works_only_on_their_own_tasks(client: httpx.AsyncClient) -> None:
    brand = await new_brand(client, AGENCY)
    task = await _task(client, brand)
    refused = await _move(client, brand, task["id"], AGENCY.other_cm, "in_progress")
    assert refused.status_code == 403
    tick = await client.put(f"/brands/{brand}/tasks/{task['id']}/steps/0", json={"done": True}, headers=AGENCY.other_cm)
    assert tick.status_code == 403
    assert (await client.post(f"/brands/{brand}/tasks", json=_task_body(), headers=AGENCY.cm)).status_code == 403
    edit = await client.patch(f"/brands/{brand}/tasks/{task['id']}", json={"title": "Mine"}, headers=AGENCY.cm)
    assert edit.status_code == 403


async def test_clients_do_not_see_the_roadmap_and_other_agencies_do_not_find_it(client: httpx.AsyncClient) -> None:
    brand = await new_brand(client, AGENCY)
    task = await _task(client, brand)
    customer = AGENCY.client_of(brand)
    assert (await client.get(f"/brands/{brand}/tasks", headers=customer)).status_code == 403
    assert (await client.get(f"/brands/{brand}/tasks/{task['id']}", headers=AGENCY.analyst)).status_code == 200
    outsider = Agency()
    assert (await client.get(f"/brands/{brand}/tasks/{task['id']}", headers=outsider.owner)).status_code == 404
    other_brand = await new_brand(client, AGENCY)
    misplaced = await client.get(f"/brands/{other_brand}/tasks/{task['id']}", headers=AGENCY.smm)
    assert (misplaced.status_code, misplaced.json()["error"]["code"]) == (404, "roadmap_task_not_found")


async def test_bad_task_input_is_refused_field_by_field(client: httpx.AsyncClient) -> None:
    brand = await new_brand(client, AGENCY)
    naive = await client.post(
        f"/brands/{brand}/tasks", json=_task_body(due_at="2026-05-04T08:00:00", assignee_id="x"), headers=AGENCY.smm
    )
    assert {f["field"] for f in naive.json()["error"]["fields"]} == {"due_at", "assignee_id"}
    unknown = await client.post(
        f"/brands/{brand}/tasks", json=_task_body(content_item_id=str(uuid.uuid4())), headers=AGENCY.smm
    )
    assert [(f["field"], f["code"]) for f in unknown.json()["error"]["fields"]] == [("content_item_id", "not_found")]
    cleared = await _task(client, brand)
    refused = await client.patch(
        f"/brands/{brand}/tasks/{cleared['id']}", json={"assignee_id": None}, headers=AGENCY.smm
    )
    assert [f["field"] for f in refused.json()["error"]["fields"]] == ["assignee_id"]
    listed = await client.get(f"/brands/{brand}/tasks", headers=AGENCY.smm)
    assert [t["id"] for t in listed.json()["items"]] == [cleared["id"]]


async def test_a_task_links_to_a_content_item_of_its_brand_and_lists_filter_by_assignee(
    client: httpx.AsyncClient,
) -> None:
    brand = await new_brand(client, AGENCY)
    item = (await client.post(f"/brands/{brand}/content-items", json={"title": "Teaser"}, headers=AGENCY.smm)).json()
    linked = await _task(client, brand, content_item_id=item["id"])
    await _task(client, brand, assignee_id=str(AGENCY.other_cm_id))
    mine = await client.get(f"/brands/{brand}/tasks?assignee_id={AGENCY.cm_id}", headers=AGENCY.cm)
    assert [(t["id"], t["content_item_id"]) for t in mine.json()["items"]] == [(linked["id"], item["id"])]


async def test_routines_generate_their_next_occurrences_once(client: httpx.AsyncClient) -> None:
    brand = await new_brand(client, AGENCY)
    daily = {"title": "Daily monitoring", "assignee_id": str(AGENCY.cm_id), "frequency": "daily"}
    weekly = {
        "title": "Weekly report",
        "assignee_id": str(AGENCY.cm_id),
        "frequency": "weekly",
        "weekdays": [7],
        "local_time": "02:30",
        "steps": ["Collect mentions", "Write the report"],
        "starts_on": "2026-03-01",
    }
    for body in ({**daily, "local_time": "09:00", "starts_on": "2026-03-01"}, weekly):
        created = await client.post(f"/brands/{brand}/routines", json=body, headers=AGENCY.smm)
        assert created.status_code == 201, created.text
    window = {"first": "2026-03-23", "days": 7}
    first = (await client.post(f"/brands/{brand}/routines/occurrences", json=window, headers=AGENCY.smm)).json()
    assert len(first["created"]) == 8
    again = (await client.post(f"/brands/{brand}/routines/occurrences", json=window, headers=AGENCY.smm)).json()
    assert again["created"] == []
    wider = {"first": "2026-03-23", "days": 10}
    more = (await client.post(f"/brands/{brand}/routines/occurrences", json=wider, headers=AGENCY.smm)).json()
    assert sorted(t["occurrence_date"] for t in more["created"]) == ["2026-03-30", "2026-03-31", "2026-04-01"]
    report = next(t for t in first["created"] if t["title"] == "Weekly report")
    # 02:30 does not exist on 29 March in Paris: the routine's rule moves it forward by the gap, to 03:30 local.
    assert (report["occurrence_date"], report["due_at"]) == ("2026-03-29", "2026-03-29T01:30:00Z")
    assert [s["title"] for s in report["steps"]] == ["Collect mentions", "Write the report"]
    listed = await client.get(f"/brands/{brand}/tasks?limit=100", headers=AGENCY.smm)
    assert len(listed.json()["items"]) == 11


async def test_routine_rules_and_roles(client: httpx.AsyncClient) -> None:
    brand = await new_brand(client, AGENCY)
    bad = {
        "title": "Report",
        "assignee_id": str(AGENCY.cm_id),
        "frequency": "weekly",
        "weekdays": [0],
        "local_time": "9h",
    }
    refused = await client.post(f"/brands/{brand}/routines", json=bad, headers=AGENCY.smm)
    assert {f["field"] for f in refused.json()["error"]["fields"]} == {"local_time"}
    bad["local_time"] = "09:00"
    refused = await client.post(f"/brands/{brand}/routines", json=bad, headers=AGENCY.smm)
    assert [f["field"] for f in refused.json()["error"]["fields"]] == ["weekdays.0"]
    bad["weekdays"] = [1]
    assert (await client.post(f"/brands/{brand}/routines", json=bad, headers=AGENCY.cm)).status_code == 403
    routine = (await client.post(f"/brands/{brand}/routines", json=bad, headers=AGENCY.smm)).json()
    ended = await client.post(f"/brands/{brand}/routines/{routine['id']}/end", headers=AGENCY.smm)
    assert ended.json()["active"] is False
    window = {"first": "2026-06-01", "days": 14}
    made = await client.post(f"/brands/{brand}/routines/occurrences", json=window, headers=AGENCY.smm)
    assert made.json()["created"] == []
    too_far = await client.post(f"/brands/{brand}/routines/occurrences", json={"days": 400}, headers=AGENCY.smm)
    assert [f["field"] for f in too_far.json()["error"]["fields"]] == ["days"]
