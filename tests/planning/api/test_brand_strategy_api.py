"""Brand voice and strategy over REST: guidelines and their check, policies, research, channel plans, partnerships;
field errors with nothing written, roles, brand scope, tenant isolation and events in the outbox."""

from __future__ import annotations

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
GUIDELINES = {
    "tone": "Warm, never sarcastic.",
    "banned_words": ["cheap", "pas cher"],
    "banned_topics": [{"name": "politics", "keywords": ["élection"]}],
    "mandatory_disclaimers": ["#ad"],
}


async def _brand(client: httpx.AsyncClient) -> str:
    body = {"name": "Lumière", "timezone": "Europe/Paris", "languages": ["fr"], "client_name": "Lumière SAS"}
    created = await client.post("/brands", json=body, headers=OWNER)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def _outbox(db: MigratedDatabase, key: str) -> list[str]:
    engine = create_async_engine(db.owner_url)
    async with engine.connect() as conn:
        rows = (
            await conn.execute(text("SELECT event_type FROM outbox WHERE key = :k ORDER BY id"), {"k": key.encode()})
        ).all()
    await engine.dispose()
    return [row.event_type for row in rows]


async def test_guidelines_are_replaced_read_back_and_flag_off_brand_text(
    client: httpx.AsyncClient, planning_db: MigratedDatabase
) -> None:
    brand = await _brand(client)
    put = await client.put(f"/brands/{brand}/guidelines", json=GUIDELINES, headers=SMM)
    assert put.status_code == 200, put.text
    assert put.json()["guidelines"]["banned_words"] == ["cheap", "pas cher"]
    assert put.json()["client_name"] == "Lumière SAS"
    check = await client.post(
        f"/brands/{brand}/guidelines/check", json={"text": "Nos sacs PAS CHÈR avant l'Élection"}, headers=CM
    )
    result = check.json()
    assert result["on_brand"] is False
    assert [(v["kind"], v["rule"]) for v in result["violations"]] == [
        ("banned_word", "pas cher"),
        ("banned_topic", "politics"),
        ("missing_disclaimer", "#ad"),
    ]
    ok = await client.post(f"/brands/{brand}/guidelines/check", json={"text": "Classy bags #ad"}, headers=CM)
    assert ok.json() == {"on_brand": True, "violations": []}
    assert "chorus.planning.brand.guidelines_changed.v1" in await _outbox(planning_db, brand)


async def test_bad_guidelines_and_policies_get_field_errors_and_change_nothing(client: httpx.AsyncClient) -> None:
    brand = await _brand(client)
    bad = await client.put(f"/brands/{brand}/guidelines", json={"banned_words": ["ok", "  "]}, headers=SMM)
    assert bad.status_code == 422
    assert [f["field"] for f in bad.json()["error"]["fields"]] == ["banned_words.1"]
    policies = {"approval_policy": "boss", "late_post_mode": "mark_missed", "late_window_minutes": 30}
    refused = await client.put(f"/brands/{brand}/policies", json=policies, headers=SMM)
    assert {(f["field"], f["code"]) for f in refused.json()["error"]["fields"]} == {
        ("approval_policy", "invalid"),
        ("late_window_minutes", "not_allowed"),
    }
    read = (await client.get(f"/brands/{brand}", headers=OWNER)).json()
    assert read["guidelines"]["banned_words"] == []
    assert read["policies"] == {
        "approval_policy": "internal",
        "late_post_mode": "publish_late",
        "late_window_minutes": 15,
    }


async def test_policies_change_and_their_event_is_in_the_outbox(
    client: httpx.AsyncClient, planning_db: MigratedDatabase
) -> None:
    brand = await _brand(client)
    body = {"approval_policy": "client", "late_post_mode": "mark_missed", "late_window_minutes": None}
    changed = await client.put(f"/brands/{brand}/policies", json=body, headers=SMM)
    assert changed.json()["policies"] == body
    assert (await _outbox(planning_db, brand))[-1] == "chorus.planning.brand.policies_changed.v1"
    assert (await client.put(f"/brands/{brand}/policies", json=body, headers=CM)).status_code == 403


async def test_a_segment_is_created_read_updated_and_bad_input_writes_nothing(
    client: httpx.AsyncClient, planning_db: MigratedDatabase
) -> None:
    brand = await _brand(client)
    segment = {
        "name": "Young parents",
        "age_min": 25,
        "age_max": 40,
        "locations": [{"country": "fr", "city": "Lyon"}],
        "networks": ["instagram"],
        "best_hours": [{"time": "18:30"}, {"weekday": "sat", "time": "10:00"}],
        "personas": [{"name": "Léa", "goals": ["Save time"]}],
    }
    created = await client.post(f"/brands/{brand}/segments", json=segment, headers=SMM)
    assert created.status_code == 201, created.text
    seg = created.json()
    assert seg["locations"][0]["country"] == "FR"
    assert (await client.get(f"/brands/{brand}/segments/{seg['id']}", headers=ANALYST)).json() == seg
    patched = await client.patch(f"/brands/{brand}/segments/{seg['id']}", json={"age_max": 45}, headers=SMM)
    assert (patched.json()["age_max"], patched.json()["version"], patched.json()["name"]) == (45, 2, "Young parents")
    bad = await client.post(
        f"/brands/{brand}/segments", json={**segment, "age_min": 50, "networks": ["myspace"]}, headers=SMM
    )
    assert {f["field"] for f in bad.json()["error"]["fields"]} == {"age_max", "networks.0"}
    listed = (await client.get(f"/brands/{brand}/segments", headers=ANALYST)).json()
    assert [s["id"] for s in listed["items"]] == [seg["id"]]
    assert await _outbox(planning_db, seg["id"]) == [
        "chorus.planning.audience_segment.created.v1",
        "chorus.planning.audience_segment.updated.v1",
    ]


async def test_competitor_handles_are_checked_per_network(client: httpx.AsyncClient) -> None:
    brand = await _brand(client)
    handles = [
        {"network": "mastodon", "handle": "@Rival@mastodon.social"},
        {"network": "x", "handle": "way_too_long_handle"},
    ]
    bad = await client.post(f"/brands/{brand}/competitors", json={"name": "Rival", "handles": handles}, headers=SMM)
    assert [(f["field"], f["code"]) for f in bad.json()["error"]["fields"]] == [("handles.1.handle", "invalid_handle")]
    good = await client.post(
        f"/brands/{brand}/competitors", json={"name": "Rival", "handles": handles[:1]}, headers=SMM
    )
    assert good.json()["handles"] == [{"network": "mastodon", "handle": "rival@mastodon.social"}]


async def test_a_channel_plan_needs_a_rationale_and_a_segment_of_the_brand(client: httpx.AsyncClient) -> None:
    brand = await _brand(client)
    seg = (await client.post(f"/brands/{brand}/segments", json={"name": "B2B"}, headers=SMM)).json()
    no_why = await client.post(
        f"/brands/{brand}/channel-plans", json={"network": "linkedin", "rationale": " "}, headers=SMM
    )
    assert [f["field"] for f in no_why.json()["error"]["fields"]] == ["rationale"]
    unknown = {"network": "linkedin", "rationale": "Buyers are there.", "segment_id": str(uuid.uuid4())}
    assert (await client.post(f"/brands/{brand}/channel-plans", json=unknown, headers=SMM)).status_code == 422
    plan = await client.post(f"/brands/{brand}/channel-plans", json={**unknown, "segment_id": seg["id"]}, headers=SMM)
    assert plan.status_code == 201, plan.text
    in_use = await client.delete(f"/brands/{brand}/segments/{seg['id']}", headers=SMM)
    assert (in_use.status_code, in_use.json()["error"]["code"]) == (409, "audience_segment_in_use")
    assert (await client.delete(f"/brands/{brand}/channel-plans/{plan.json()['id']}", headers=SMM)).status_code == 204
    assert (await client.delete(f"/brands/{brand}/segments/{seg['id']}", headers=SMM)).status_code == 204


async def test_partnership_status_follows_its_allowed_transitions(client: httpx.AsyncClient) -> None:
    brand = await _brand(client)
    body = {
        "partner_name": "Studio Nord",
        "partner_kind": "creator",
        "terms": {"fee_amount_minor": 150000, "fee_currency": "EUR"},
    }
    created = await client.post(f"/brands/{brand}/partnerships", json=body, headers=SMM)
    assert created.json()["status"] == "prospect", created.text
    url = f"/brands/{brand}/partnerships/{created.json()['id']}/status"
    skipped = await client.post(url, json={"status": "active"}, headers=SMM)
    assert (skipped.status_code, skipped.json()["error"]["code"]) == (409, "partnership_transition_not_allowed")
    assert (await client.post(url, json={"status": "negotiating"}, headers=SMM)).json()["status"] == "negotiating"
    bad_money = {**body, "terms": {"fee_amount_minor": -1, "fee_currency": "EURO"}}
    refused = await client.post(f"/brands/{brand}/partnerships", json=bad_money, headers=SMM)
    assert {f["field"] for f in refused.json()["error"]["fields"]} == {"terms.fee_amount_minor", "terms.fee_currency"}


async def test_roles_scope_and_tenants(client: httpx.AsyncClient) -> None:
    brand = await _brand(client)
    other = await _brand(client)
    url = f"/brands/{brand}/findings"
    finding = {"summary": "Gen Z prefers short video.", "source_date": "2025-05-01", "tags": ["Gen Z"]}
    assert (await client.post(url, json=finding, headers=CM)).status_code == 403
    created = await client.post(url, json=finding, headers=SMM)
    assert created.json()["tags"] == ["gen-z"]
    assert (await client.get(url, headers=ANALYST)).status_code == 200
    own_client = auth_headers(principal(AGENCY, Role.CLIENT, brands=[uuid.UUID(brand)]))
    assert (await client.get(url, headers=own_client)).status_code == 403
    assert (await client.get(f"/brands/{brand}", headers=own_client)).json()["guidelines"]["tone"] == ""
    assert (
        await client.post(f"/brands/{other}/guidelines/check", json={"text": "x"}, headers=own_client)
    ).status_code == 404
    scoped_smm = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER, brands=[uuid.UUID(other)]))
    assert (await client.get(url, headers=scoped_smm)).status_code == 404
    intruder = auth_headers(principal(uuid.uuid4(), Role.OWNER))
    assert (await client.get(f"{url}/{created.json()['id']}", headers=intruder)).status_code == 404
    assert (await client.post(url, json=finding, headers=intruder)).status_code == 404
