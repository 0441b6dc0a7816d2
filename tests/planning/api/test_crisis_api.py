"""Planning's crisis API: who may write playbooks and work incidents, field errors, post-mortem, tenant isolation."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from chorus_shared.auth import Role
from chorus_shared.testing.http import auth_headers, principal

AGENCY = uuid.uuid4()
OWNER = auth_headers(principal(AGENCY, Role.OWNER))
SMM = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER, subject="user-smm"))
CM = auth_headers(principal(AGENCY, Role.COMMUNITY_MANAGER, subject="user-cm"))
ANALYST = auth_headers(principal(AGENCY, Role.ANALYST))
PLAYBOOK: dict[str, Any] = {
    "name": "Trolls on launch day",
    "scenario": "trolls",
    "severity": "medium",
    "trigger": {"mention_volume_threshold": 50, "window_minutes": 30, "negative_share_threshold": 0.4},
    "steps": [
        {"title": "Hide abusive replies", "time_limit_minutes": 10, "owner_role": "community_manager"},
        {"title": "Post the holding statement", "time_limit_minutes": 30, "owner_role": "social_media_manager"},
    ],
    "holding_statements": [{"title": "Calm", "language": "fr", "text": "Nous vous lisons."}],
    "contacts": [{"name": "Ada", "role": "PR lead", "email": "ada@example.com"}],
}
POST_MORTEM = {"summary": "Handled", "went_well": "Fast hiding", "to_improve": "Earlier statement"}


async def _brand(client: httpx.AsyncClient) -> str:
    body = {"name": "Launch brand", "timezone": "Europe/Paris", "languages": ["fr"]}
    response = await client.post("/brands", json=body, headers=OWNER)
    return str(response.json()["id"])


async def test_smm_writes_playbooks_analyst_reads_cm_and_client_cannot_write(client: httpx.AsyncClient) -> None:
    brand = await _brand(client)
    path = f"/brands/{brand}/crisis-playbooks"
    created = await client.post(path, json=PLAYBOOK, headers=SMM)
    assert created.status_code == 201, created.text
    assert [s["title"] for s in created.json()["steps"]] == ["Hide abusive replies", "Post the holding statement"]
    assert (await client.post(path, json=PLAYBOOK, headers=CM)).status_code == 403
    assert (await client.get(path, headers=ANALYST)).json()["items"][0]["id"] == created.json()["id"]
    client_user = auth_headers(principal(AGENCY, Role.CLIENT, brands=[uuid.UUID(brand)]))
    assert (await client.get(path, headers=client_user)).status_code == 403
    revised = await client.patch(f"/crisis-playbooks/{created.json()['id']}", json={"severity": "high"}, headers=SMM)
    assert (revised.json()["severity"], revised.json()["version"]) == ("high", 2)


async def test_bad_playbooks_get_field_errors_and_nothing_is_written(client: httpx.AsyncClient) -> None:
    brand = await _brand(client)
    path = f"/brands/{brand}/crisis-playbooks"
    bad = {
        **PLAYBOOK,
        "trigger": {"mention_volume_threshold": 50, "window_minutes": 30, "negative_share_threshold": 2},
        "contacts": [{"name": "Ada", "role": "PR", "phone": "0612"}],
    }
    response = await client.post(path, json=bad, headers=SMM)
    assert response.status_code == 422
    fields = {(f["field"], f["code"]) for f in response.json()["error"]["fields"]}
    assert fields == {("trigger.negative_share_threshold", "out_of_range"), ("contacts.0.phone", "invalid_phone")}
    missing = await client.post(path, json={"name": "x"}, headers=SMM)
    assert {f["field"] for f in missing.json()["error"]["fields"]} >= {"scenario", "severity", "trigger", "steps"}
    assert (await client.get(path, headers=SMM)).json()["items"] == []


async def test_cm_works_an_incident_but_only_smm_closes_it_with_a_post_mortem(client: httpx.AsyncClient) -> None:
    brand = await _brand(client)
    playbook = (await client.post(f"/brands/{brand}/crisis-playbooks", json=PLAYBOOK, headers=SMM)).json()
    opened = await client.post(
        f"/brands/{brand}/crisis-incidents", json={"severity": "medium", "reason": "Troll wave"}, headers=CM
    )
    assert opened.status_code == 201, opened.text
    incident = opened.json()
    assert incident["playbook_id"] == playbook["id"]
    again = await client.post(f"/brands/{brand}/crisis-incidents", json={"severity": "low", "reason": "x"}, headers=CM)
    assert again.json()["error"]["code"] == "crisis_incident_already_open"

    base = f"/crisis-incidents/{incident['id']}"
    done = (await client.post(f"{base}/steps/1/complete", headers=CM)).json()
    assert done["checklist"][0]["completed_by"] == "user-cm"
    assert (await client.post(f"{base}/steps/2/complete", headers=ANALYST)).status_code == 403
    used = await client.post(f"{base}/statements-used", json={"title": "Calm", "language": "fr"}, headers=CM)
    assert used.json()["timeline"][-1]["kind"] == "statement_used"

    assert (await client.post(f"{base}/close", json={"post_mortem": POST_MORTEM}, headers=CM)).status_code == 403
    refused = await client.post(f"{base}/close", json={}, headers=SMM)
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"][0]["field"] == "post_mortem"
    assert (await client.get(base, headers=SMM)).json()["status"] == "open"
    closed = await client.post(f"{base}/close", json={"post_mortem": POST_MORTEM}, headers=SMM)
    assert (closed.json()["status"], closed.json()["post_mortem"]) == ("closed", POST_MORTEM)


async def test_other_tenants_and_other_brands_see_nothing(client: httpx.AsyncClient) -> None:
    brand = await _brand(client)
    playbook = (await client.post(f"/brands/{brand}/crisis-playbooks", json=PLAYBOOK, headers=SMM)).json()
    stranger = auth_headers(principal(uuid.uuid4(), Role.OWNER))
    assert (await client.get(f"/crisis-playbooks/{playbook['id']}", headers=stranger)).status_code == 404
    assert (await client.get(f"/brands/{brand}/crisis-playbooks", headers=stranger)).status_code == 404
    other_brand_smm = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER, brands=[uuid.uuid4()]))
    hidden = await client.get(f"/crisis-playbooks/{playbook['id']}", headers=other_brand_smm)
    assert hidden.json()["error"]["code"] == "crisis_playbook_not_found"
    opened = await client.post(
        f"/brands/{brand}/crisis-incidents", json={"severity": "high", "reason": "x"}, headers=stranger
    )
    assert opened.status_code == 404
