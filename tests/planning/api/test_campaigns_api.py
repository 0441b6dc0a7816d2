"""Campaign API: budgets and spend over REST, threshold events in the outbox, roles, brand scope and tenants."""

from __future__ import annotations

import json
import uuid

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from chorus_shared.auth import Role
from chorus_shared.testing.http import auth_headers, principal
from chorus_shared.testing.postgres import MigratedDatabase

AGENCY = uuid.uuid4()
OWNER = auth_headers(principal(AGENCY, Role.OWNER))
SMM = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER))
CM = auth_headers(principal(AGENCY, Role.COMMUNITY_MANAGER))
ANALYST = auth_headers(principal(AGENCY, Role.ANALYST))
THRESHOLD = "chorus.planning.campaign.budget_threshold_reached.v1"


async def _brand(client: httpx.AsyncClient, headers: dict[str, str] = OWNER) -> str:
    body = {"name": f"Brand {uuid.uuid4().hex[:6]}", "timezone": "Europe/Paris", "languages": ["fr"]}
    created = await client.post("/brands", json=body, headers=headers)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def _campaign_body(brand_id: str, **changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "brand_id": brand_id,
        "name": "Summer launch",
        "start_date": "2026-06-01",
        "end_date": "2026-06-30",
        "channels": ["instagram", "tiktok"],
        "budget": 10_000,
        "currency": "EUR",
        "lines": {"paid_ads": 5_000, "content_production": 3_000},
    }
    return {**body, **changes}


async def _campaign(client: httpx.AsyncClient, headers: dict[str, str] = SMM, **changes: object) -> dict[str, object]:
    brand_id = str(changes.pop("brand_id", None) or await _brand(client))
    created = await client.post("/campaigns", json=_campaign_body(brand_id, **changes), headers=headers)
    assert created.status_code == 201, created.text
    return dict(created.json())


async def _spend(client: httpx.AsyncClient, campaign_id: object, amount: int, line: str = "paid_ads") -> httpx.Response:
    body = {"line": line, "amount": amount, "currency": "EUR", "spent_on": "2026-06-10", "note": "boost"}
    return await client.post(f"/campaigns/{campaign_id}/spend", json=body, headers=SMM)


async def _outbox(database: MigratedDatabase, campaign_id: object) -> list[tuple[str, dict[str, object]]]:
    engine = create_async_engine(database.owner_url)
    async with engine.connect() as conn:
        rows = (
            await conn.execute(
                text("SELECT event_type, value FROM outbox WHERE key = :k ORDER BY id"),
                {"k": str(campaign_id).encode()},
            )
        ).all()
    await engine.dispose()
    return [(row.event_type, json.loads(row.value)) for row in rows]


async def test_spend_reduces_what_remains_per_line_and_in_total(client: httpx.AsyncClient) -> None:
    campaign = await _campaign(client)
    recorded = await _spend(client, campaign["id"], 1_250)
    assert recorded.status_code == 201, recorded.text
    after = recorded.json()["campaign"]
    assert (after["spent"], after["remaining"]) == (1_250, 8_750)
    lines = {line["activity"]: (line["spent"], line["remaining"]) for line in after["lines"]}
    assert lines == {"paid_ads": (1_250, 3_750), "content_production": (0, 3_000)}
    assert (await client.get(f"/campaigns/{campaign['id']}", headers=ANALYST)).json() == after
    spend = (await client.get(f"/campaigns/{campaign['id']}/spend", headers=ANALYST)).json()
    assert [(e["amount"], e["note"]) for e in spend["items"]] == [(1_250, "boost")]


async def test_threshold_events_are_in_the_outbox_once_per_crossing(
    client: httpx.AsyncClient, planning_db: MigratedDatabase
) -> None:
    campaign = await _campaign(client, lines={"paid_ads": 5_000, "content_production": 5_000})
    spends = [(3_000, "paid_ads"), (1_000, "paid_ads"), (500, "paid_ads"), (500, "paid_ads")]
    spends += [(4_000, "content_production"), (1_000, "paid_ads"), (100, "paid_ads")]
    for amount, line in spends:
        assert (await _spend(client, campaign["id"], amount, line)).status_code == 201
    thresholds = [
        (p["scope"], p["line"], p["threshold"], p["spent"], p["budget"])
        for kind, p in await _outbox(planning_db, campaign["id"])
        if kind == THRESHOLD
    ]
    assert thresholds == [
        ("line", "paid_ads", 80, 4_000, 5_000),
        ("line", "paid_ads", 100, 5_000, 5_000),
        ("line", "content_production", 80, 4_000, 5_000),
        ("campaign", None, 80, 9_000, 10_000),
        ("campaign", None, 100, 10_000, 10_000),
    ]


async def test_bad_campaigns_get_field_errors_and_nothing_is_written(client: httpx.AsyncClient) -> None:
    brand_id = await _brand(client)
    before = (await client.get("/campaigns", params={"brand_id": brand_id}, headers=SMM)).json()["items"]
    body = _campaign_body(
        brand_id,
        start_date="2026-07-01",
        budget=-5,
        currency="XYZ",
        lines={"paid_ads": 20_000},
        channels=["instagram", "friendster"],
        objective_ids=[str(uuid.uuid4())],
    )
    response = await client.post("/campaigns", json=body, headers=SMM)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert {(f["field"], f["code"]) for f in error["fields"]} == {
        ("objective_ids.0", "unknown_objective"),
        ("end_date", "dates_out_of_order"),
        ("budget", "negative"),
        ("currency", "unknown_currency"),
        ("channels.1", "unknown_network"),
    }
    body.update(budget=10_000, currency="EUR", start_date="2026-06-01", objective_ids=[])
    response = await client.post("/campaigns", json=body, headers=SMM)
    assert {(f["field"], f["code"]) for f in response.json()["error"]["fields"]} == {
        ("lines", "lines_over_budget"),
        ("channels.1", "unknown_network"),
    }
    assert (await client.get("/campaigns", params={"brand_id": brand_id}, headers=SMM)).json()["items"] == before


async def test_malformed_money_and_dates_name_their_fields(client: httpx.AsyncClient) -> None:
    campaign = await _campaign(client)
    body = {"line": "paid_ads", "amount": 12.5, "currency": "EUR", "spent_on": "June"}
    response = await client.post(f"/campaigns/{campaign['id']}/spend", json=body, headers=SMM)
    assert response.status_code == 422
    assert {f["field"] for f in response.json()["error"]["fields"]} == {"amount", "spent_on"}
    wrong = await client.post(
        f"/campaigns/{campaign['id']}/spend",
        json={"line": "paid_ads", "amount": -3, "currency": "USD", "spent_on": "2026-06-02"},
        headers=SMM,
    )
    assert {(f["field"], f["code"]) for f in wrong.json()["error"]["fields"]} == {
        ("amount", "not_positive"),
        ("currency", "currency_mismatch"),
    }


async def test_budget_lines_over_the_budget_are_refused_on_change(client: httpx.AsyncClient) -> None:
    campaign = await _campaign(client)
    body = {"budget": 8_000, "currency": "EUR", "lines": {"paid_ads": 5_000, "influencers": 3_001}}
    response = await client.put(f"/campaigns/{campaign['id']}/budget", json=body, headers=SMM)
    assert response.status_code == 422
    assert [f["code"] for f in response.json()["error"]["fields"]] == ["lines_over_budget"]
    body["lines"] = {"paid_ads": 5_000, "influencers": 3_000}
    changed = await client.put(f"/campaigns/{campaign['id']}/budget", json=body, headers=SMM)
    assert [line["activity"] for line in changed.json()["lines"]] == ["paid_ads", "influencers"]


async def test_status_follows_the_allowed_transitions(client: httpx.AsyncClient) -> None:
    campaign = await _campaign(client)
    path = f"/campaigns/{campaign['id']}/status"
    refused = await client.post(path, json={"status": "completed"}, headers=SMM)
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "campaign_status_transition_refused")
    assert (await client.post(path, json={"status": "active"}, headers=SMM)).json()["status"] == "active"
    assert (await client.post(path, json={"status": "cancelled"}, headers=SMM)).json()["status"] == "cancelled"
    closed = await client.patch(f"/campaigns/{campaign['id']}", json={"name": "Again"}, headers=SMM)
    assert (closed.status_code, closed.json()["error"]["code"]) == (409, "campaign_closed")


async def test_community_managers_cannot_write_budgets_and_analysts_only_read(client: httpx.AsyncClient) -> None:
    campaign = await _campaign(client)
    budget = {"budget": 1, "currency": "EUR", "lines": {}}
    for who in (CM, ANALYST):
        assert (await client.put(f"/campaigns/{campaign['id']}/budget", json=budget, headers=who)).status_code == 403
        assert (await _spend_as(client, campaign["id"], who)).status_code == 403
        body = _campaign_body(str(campaign["brand_id"]))
        assert (await client.post("/campaigns", json=body, headers=who)).status_code == 403
        assert (await client.get(f"/campaigns/{campaign['id']}", headers=who)).status_code == 200
    assert (await client.get(f"/campaigns/{campaign['id']}", headers=SMM)).json()["spent"] == 0


async def _spend_as(client: httpx.AsyncClient, campaign_id: object, who: dict[str, str]) -> httpx.Response:
    body = {"line": "paid_ads", "amount": 1, "currency": "EUR", "spent_on": "2026-06-10"}
    return await client.post(f"/campaigns/{campaign_id}/spend", json=body, headers=who)


async def test_a_client_user_sees_only_their_brands_campaigns(client: httpx.AsyncClient) -> None:
    theirs = await _campaign(client)
    other = await _campaign(client)
    client_user = auth_headers(principal(AGENCY, Role.CLIENT, brands=[uuid.UUID(str(theirs["brand_id"]))]))
    assert (await client.get(f"/campaigns/{theirs['id']}", headers=client_user)).status_code == 200
    hidden = await client.get(f"/campaigns/{other['id']}", headers=client_user)
    assert (hidden.status_code, hidden.json()["error"]["code"]) == (404, "campaign_not_found")
    listed = (await client.get("/campaigns", headers=client_user)).json()["items"]
    assert {c["brand_id"] for c in listed} == {theirs["brand_id"]}
    assert (await client.get(f"/campaigns/{other['id']}/spend", headers=client_user)).status_code == 404
    assert (await _spend_as(client, theirs["id"], client_user)).status_code == 403


async def test_another_agency_cannot_see_or_spend_on_a_campaign(client: httpx.AsyncClient) -> None:
    campaign = await _campaign(client)
    stranger = auth_headers(principal(uuid.uuid4(), Role.OWNER))
    assert (await client.get(f"/campaigns/{campaign['id']}", headers=stranger)).status_code == 404
    assert (await client.get("/campaigns", headers=stranger)).json()["items"] == []
    assert (await _spend_as(client, campaign["id"], stranger)).status_code == 404
    assert (await client.get(f"/campaigns/{campaign['id']}", headers=SMM)).json()["spent"] == 0


async def test_a_campaign_for_another_agencys_brand_is_refused(client: httpx.AsyncClient) -> None:
    foreign_brand = await _brand(client, auth_headers(principal(uuid.uuid4(), Role.OWNER)))
    response = await client.post("/campaigns", json=_campaign_body(foreign_brand), headers=SMM)
    assert response.status_code == 422
    assert [f["code"] for f in response.json()["error"]["fields"]] == ["unknown_brand"]


async def test_campaigns_page_with_a_cursor(client: httpx.AsyncClient) -> None:
    brand_id = await _brand(client)
    made = {str((await _campaign(client, brand_id=brand_id))["id"]) for _ in range(3)}
    first = (await client.get("/campaigns", params={"brand_id": brand_id, "limit": 2}, headers=SMM)).json()
    rest = await client.get(
        "/campaigns", params={"brand_id": brand_id, "limit": 2, "after": first["next_after"]}, headers=SMM
    )
    assert {c["id"] for c in first["items"] + rest.json()["items"]} == made
    assert rest.json()["next_after"] is None
    assert (await client.get("/campaigns", params={"limit": 101}, headers=SMM)).status_code == 422
