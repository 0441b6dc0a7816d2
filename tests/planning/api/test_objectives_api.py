"""Objective API: KPI targets with stated formulas, field errors, changes in the outbox, roles and tenants."""

from __future__ import annotations

import uuid

import httpx

from chorus_shared.auth import Role
from chorus_shared.testing.http import auth_headers, principal

AGENCY = uuid.uuid4()
SMM = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER))
CM = auth_headers(principal(AGENCY, Role.COMMUNITY_MANAGER))
ANALYST = auth_headers(principal(AGENCY, Role.ANALYST))
RATE = {"metric": "engagement_rate", "formula": "engagements_by_impressions", "target": "0.045"}


async def _brand(client: httpx.AsyncClient, headers: dict[str, str] = SMM) -> str:
    body = {"name": f"Brand {uuid.uuid4().hex[:6]}", "timezone": "Europe/Paris", "languages": ["fr"]}
    created = await client.post("/brands", json=body, headers=headers)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def _body(brand_id: str, **changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "brand_id": brand_id,
        "kind": "engagement",
        "title": "Grow the conversation",
        "period_start": "2026-07-01",
        "period_end": "2026-09-30",
        "kpis": [RATE],
    }
    return {**body, **changes}


async def _objective(client: httpx.AsyncClient, brand_id: str | None = None) -> dict[str, object]:
    created = await client.post("/objectives", json=_body(brand_id or await _brand(client)), headers=SMM)
    assert created.status_code == 201, created.text
    return dict(created.json())


async def test_an_objective_reads_back_with_its_kpi_and_no_progress_yet(client: httpx.AsyncClient) -> None:
    objective = await _objective(client)
    kpis: list[dict[str, object]] = objective["kpis"]  # type: ignore[assignment]
    [kpi] = kpis
    assert (kpi["formula"], kpi["target"], kpi["progress"]) == ("engagements_by_impressions", "0.045", None)
    assert (kpi["period_start"], kpi["period_end"]) == ("2026-07-01", "2026-09-30")
    assert (await client.get(f"/objectives/{objective['id']}", headers=ANALYST)).json() == objective


async def test_a_kpi_without_a_formula_is_refused_and_nothing_is_written(client: httpx.AsyncClient) -> None:
    brand_id = await _brand(client)
    kpis = [RATE, {"metric": "engagement_rate", "target": "0.05"}]
    response = await client.post("/objectives", json=_body(brand_id, kpis=kpis), headers=SMM)
    assert response.status_code == 422
    [error] = response.json()["error"]["fields"]
    assert (error["field"], error["code"]) == ("kpis.1.formula", "required")
    listed = await client.get("/objectives", params={"brand_id": brand_id}, headers=SMM)
    assert listed.json()["items"] == []


async def test_bad_periods_targets_and_kinds_name_their_fields(client: httpx.AsyncClient) -> None:
    brand_id = await _brand(client)
    bad_kpi = {"metric": "reach", "formula": "unique_accounts_reached", "target": "-10"}
    body = _body(brand_id, kind="fame", period_start="2026-10-01", kpis=[bad_kpi])
    response = await client.post("/objectives", json=body, headers=SMM)
    assert {(f["field"], f["code"]) for f in response.json()["error"]["fields"]} == {
        ("kind", "invalid"),
        ("period_end", "dates_out_of_order"),
        ("kpis.0.target", "not_positive"),
    }
    malformed = await client.post("/objectives", json=_body(brand_id, period_end="soon"), headers=SMM)
    assert [f["field"] for f in malformed.json()["error"]["fields"]] == ["period_end"]


async def test_kpis_are_added_changed_and_removed(client: httpx.AsyncClient) -> None:
    objective = await _objective(client)
    path = f"/objectives/{objective['id']}/kpis"
    reach = {"metric": "reach", "formula": "unique_accounts_reached", "target": 250000, "period_end": "2026-08-31"}
    added = await client.post(path, json=reach, headers=SMM)
    assert added.status_code == 201, added.text
    kpi_id = added.json()["kpis"][1]["id"]
    changed = await client.patch(f"{path}/{kpi_id}", json={"target": "300000.50"}, headers=SMM)
    assert changed.json()["kpis"][1]["target"] == "300000.5"
    assert changed.json()["version"] == 3
    removed = await client.delete(f"{path}/{kpi_id}", headers=SMM)
    assert [k["metric"] for k in removed.json()["kpis"]] == ["engagement_rate"]
    missing = await client.delete(f"{path}/{kpi_id}", headers=SMM)
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "kpi_not_found")


async def test_only_social_media_managers_and_above_write_objectives(client: httpx.AsyncClient) -> None:
    objective = await _objective(client)
    for who in (CM, ANALYST):
        assert (
            await client.post("/objectives", json=_body(str(objective["brand_id"])), headers=who)
        ).status_code == 403
        patched = await client.patch(f"/objectives/{objective['id']}", json={"title": "Mine"}, headers=who)
        assert patched.status_code == 403
    assert (await client.get(f"/objectives/{objective['id']}", headers=ANALYST)).json()["title"] == objective["title"]


async def test_client_users_do_not_see_the_agencys_objectives(client: httpx.AsyncClient) -> None:
    objective = await _objective(client)
    client_user = auth_headers(principal(AGENCY, Role.CLIENT, brands=[uuid.UUID(str(objective["brand_id"]))]))
    assert (await client.get(f"/objectives/{objective['id']}", headers=client_user)).status_code == 403
    assert (await client.get("/objectives", headers=client_user)).status_code == 403


async def test_brand_scope_and_tenants_hide_objectives(client: httpx.AsyncClient) -> None:
    objective = await _objective(client)
    elsewhere = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER, brands=[uuid.uuid4()]))
    hidden = await client.get(f"/objectives/{objective['id']}", headers=elsewhere)
    assert (hidden.status_code, hidden.json()["error"]["code"]) == (404, "objective_not_found")
    stranger = auth_headers(principal(uuid.uuid4(), Role.OWNER))
    assert (await client.get(f"/objectives/{objective['id']}", headers=stranger)).status_code == 404
    assert (await client.get("/objectives", headers=stranger)).json()["items"] == []
    changed = await client.patch(f"/objectives/{objective['id']}", json={"title": "Taken"}, headers=stranger)
    assert changed.status_code == 404
    assert (await client.get(f"/objectives/{objective['id']}", headers=SMM)).json()["title"] == objective["title"]


async def test_a_campaign_links_only_its_own_brands_objectives(client: httpx.AsyncClient) -> None:
    objective = await _objective(client)
    other_brand = await _brand(client)
    body = {
        "name": "Launch",
        "start_date": "2026-07-01",
        "end_date": "2026-07-31",
        "budget": 0,
        "currency": "EUR",
        "objective_ids": [objective["id"]],
    }
    linked = await client.post("/campaigns", json={**body, "brand_id": objective["brand_id"]}, headers=SMM)
    assert linked.json()["objective_ids"] == [objective["id"]]
    refused = await client.post("/campaigns", json={**body, "brand_id": other_brand}, headers=SMM)
    assert [f["field"] for f in refused.json()["error"]["fields"]] == ["objective_ids.0"]
