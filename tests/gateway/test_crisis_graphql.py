"""Crisis playbooks, incidents and the brand freeze through the gateway's GraphQL, on real planning and publishing."""

from __future__ import annotations

import uuid
from typing import Any

from chorus_gateway.testing import GraphQL, NewAgency, add_member, login_token
from chorus_publishing.adapters.orm import outbox as publishing_outbox
from chorus_publishing.service.brand_references import on_brand_event
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.planning import BrandCreatedV1
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.testing.postgres import MigratedDatabase

PROBLEM = "... on Problem { __typename code message } ... on ValidationErrors { fields { field code } }"
PLAYBOOK_FIELDS = "id name scenario severity version archived steps { title ownerRole } trigger { keywords }"
CREATE_PLAYBOOK = f"""
mutation($input: CreateCrisisPlaybookInput!) {{
  createCrisisPlaybook(input: $input) {{ __typename ... on CrisisPlaybook {{ {PLAYBOOK_FIELDS} }} {PROBLEM} }}
}}
"""
REVISE_PLAYBOOK = f"""
mutation($input: ReviseCrisisPlaybookInput!) {{
  reviseCrisisPlaybook(input: $input) {{ __typename ... on CrisisPlaybook {{ {PLAYBOOK_FIELDS} }} {PROBLEM} }}
}}
"""
ARCHIVE_PLAYBOOK = (
    "mutation($id: ID!) { archiveCrisisPlaybook(id: $id) { __typename ... on CrisisPlaybook { archived } } }"
)
PLAYBOOKS = """
query($brand: ID!, $archived: Boolean!, $first: Int, $after: String) {
  crisisPlaybooks(brandId: $brand, includeArchived: $archived, first: $first, after: $after) {
    nodes { name } pageInfo { hasNextPage endCursor }
  }
}
"""
INCIDENT_FIELDS = (
    "id status severity playbookId checklist { position title completedAt completedBy } "
    "timeline { kind text } holdingStatements { title } postMortem { summary } closedBy"
)
OPEN = f"""
mutation($brand: ID!, $severity: CrisisSeverity!, $reason: String!) {{
  openCrisisIncident(brandId: $brand, severity: $severity, reason: $reason) {{
    __typename ... on CrisisIncident {{ {INCIDENT_FIELDS} }} {PROBLEM}
  }}
}}
"""
INCIDENT_ACTIONS = f"""
mutation($id: ID!) {{
  step: completeCrisisStep(id: $id, position: 1) {{ __typename {PROBLEM} }}
  statement: useHoldingStatement(id: $id, title: "Calm", language: "fr") {{ __typename {PROBLEM} }}
  note: addCrisisNote(id: $id, text: "Press called") {{ __typename {PROBLEM} }}
  escalation: escalateCrisisIncident(id: $id, reason: "Spreading", severity: HIGH) {{
    __typename ... on CrisisIncident {{ {INCIDENT_FIELDS} }}
  }}
}}
"""
CLOSE = f"""
mutation($id: ID!, $lessons: PostMortemInput) {{
  closeCrisisIncident(id: $id, postMortem: $lessons) {{
    __typename ... on CrisisIncident {{ {INCIDENT_FIELDS} }} {PROBLEM}
  }}
}}
"""
INCIDENTS = """
query($brand: ID!, $open: Boolean!) { crisisIncidents(brandId: $brand, openOnly: $open) { nodes { id status } } }
"""
FREEZE_FIELDS = "frozen reason source frozenBy resumedBy"
FREEZE = f"""
mutation($brand: ID!, $reason: String!) {{
  freezePublishing(brandId: $brand, reason: $reason) {{ __typename ... on BrandFreeze {{ {FREEZE_FIELDS} }} {PROBLEM} }}
}}
"""
RESUME = f"""
mutation($brand: ID!) {{
  resumePublishing(brandId: $brand) {{ __typename ... on BrandFreeze {{ {FREEZE_FIELDS} }} {PROBLEM} }}
}}
"""
BRAND_FREEZE = f"query($id: ID!) {{ brand(id: $id) {{ freeze {{ {FREEZE_FIELDS} }} }} }}"
POST_MORTEM = {"summary": "Handled", "wentWell": "Fast hiding", "toImprove": "Earlier statement"}


def _playbook_input(brand: str, **changes: Any) -> dict[str, Any]:
    body = {
        "brandId": brand,
        "name": "Trolls on launch day",
        "scenario": "TROLLS",
        "severity": "MEDIUM",
        "trigger": {"mentionVolumeThreshold": 50, "windowMinutes": 30, "negativeShareThreshold": 0.4},
        "steps": [
            {"title": "Hide abusive replies", "timeLimitMinutes": 10, "ownerRole": "COMMUNITY_MANAGER"},
            {"title": "Post the holding statement", "timeLimitMinutes": 30, "ownerRole": "SOCIAL_MEDIA_MANAGER"},
        ],
        "holdingStatements": [{"title": "Calm", "language": "fr", "text": "Nous vous lisons."}],
        "contacts": [{"name": "Ada", "role": "PR lead", "email": "ada@example.com"}],
    }
    return {**body, **changes}


async def _brand(gql: GraphQL, token: str) -> str:
    created = await gql(
        'mutation { createBrand(input: {name: "Kettle Co", timezone: "Europe/Paris", languages: ["fr"]}) '
        "{ __typename ... on Brand { id } } }",
        token=token,
    )
    return str(created["data"]["createBrand"]["id"])


async def _known_to_publishing(database: MigratedDatabase, tenant_id: uuid.UUID, brand: str) -> None:
    """Hand publishing planning's brand event through its real handler, as the bus would."""
    created = BrandCreatedV1(brand_id=uuid.UUID(brand), name="Kettle Co", timezone="Europe/Paris", languages=["fr"])
    event = CloudEvent(
        type=created.event_type,
        source="chorus.planning",
        subject=brand,
        tenantid=str(tenant_id),
        data=created.model_dump(mode="json"),
    )
    engine = make_engine(database.app_url)
    try:
        async with UnitOfWork(
            make_sessions(engine), outbox=publishing_outbox, source="tests", tenant_id=tenant_id
        ) as uow:
            await on_brand_event(uow, event)
            await uow.commit()
    finally:
        await engine.dispose()


async def _member_token(gql: GraphQL, owner_token: str, role: str, brand_ids: list[str] | None = None) -> str:
    member = await add_member(gql, owner_token, role=role, brand_ids=brand_ids)
    return await login_token(gql, member["email"])


async def test_playbooks_are_written_revised_archived_and_paged_by_strategists_only(
    gql_services: GraphQL, new_agency: NewAgency
) -> None:
    token = (await new_agency()).api_key_plaintext
    brand = await _brand(gql_services, token)
    bad = _playbook_input(
        brand,
        trigger={"mentionVolumeThreshold": 50, "windowMinutes": 30, "negativeShareThreshold": 2},
        contacts=[{"name": "Ada", "role": "PR", "phone": "0612"}],
    )
    refused = (await gql_services(CREATE_PLAYBOOK, {"input": bad}, token=token))["data"]["createCrisisPlaybook"]
    assert refused["__typename"] == "ValidationErrors"
    assert {(f["field"], f["code"]) for f in refused["fields"]} == {
        ("trigger.negativeShareThreshold", "out_of_range"),
        ("contacts.0.phone", "invalid_phone"),
    }

    created = (await gql_services(CREATE_PLAYBOOK, {"input": _playbook_input(brand)}, token=token))["data"][
        "createCrisisPlaybook"
    ]
    assert (created["scenario"], created["severity"], created["version"]) == ("TROLLS", "MEDIUM", 1)
    assert created["steps"][0] == {"title": "Hide abusive replies", "ownerRole": "COMMUNITY_MANAGER"}
    revise = {
        "id": created["id"],
        "severity": "HIGH",
        "trigger": {**_playbook_input(brand)["trigger"], "keywords": ["boycott"]},
    }
    revised = (await gql_services(REVISE_PLAYBOOK, {"input": revise}, token=token))["data"]["reviseCrisisPlaybook"]
    assert (revised["severity"], revised["trigger"]["keywords"], revised["name"], revised["version"]) == (
        "HIGH",
        ["boycott"],
        "Trolls on launch day",
        2,
    )

    cm_token = await _member_token(gql_services, token, "community_manager")
    by_cm = (await gql_services(CREATE_PLAYBOOK, {"input": _playbook_input(brand)}, token=cm_token))["data"]
    assert by_cm["createCrisisPlaybook"]["__typename"] == "NotAllowed"

    await gql_services(CREATE_PLAYBOOK, {"input": _playbook_input(brand, name="Recall")}, token=token)
    first = await gql_services(PLAYBOOKS, {"brand": brand, "archived": False, "first": 1}, token=token)
    page = first["data"]["crisisPlaybooks"]
    assert (len(page["nodes"]), page["pageInfo"]["hasNextPage"]) == (1, True)
    after = {"brand": brand, "archived": False, "after": page["pageInfo"]["endCursor"]}
    second = (await gql_services(PLAYBOOKS, after, token=token))["data"]["crisisPlaybooks"]
    assert {n["name"] for n in page["nodes"] + second["nodes"]} == {"Trolls on launch day", "Recall"}

    archived = await gql_services(ARCHIVE_PLAYBOOK, {"id": created["id"]}, token=token)
    assert archived["data"]["archiveCrisisPlaybook"] == {"__typename": "CrisisPlaybook", "archived": True}
    active = (await gql_services(PLAYBOOKS, {"brand": brand, "archived": False}, token=token))["data"]
    assert [n["name"] for n in active["crisisPlaybooks"]["nodes"]] == ["Recall"]
    every = (await gql_services(PLAYBOOKS, {"brand": brand, "archived": True}, token=token))["data"]
    assert len(every["crisisPlaybooks"]["nodes"]) == 2


async def test_an_incident_is_worked_by_a_cm_and_closed_by_the_owner_with_a_post_mortem(
    gql_services: GraphQL, new_agency: NewAgency
) -> None:
    token = (await new_agency()).api_key_plaintext
    brand = await _brand(gql_services, token)
    playbook = (await gql_services(CREATE_PLAYBOOK, {"input": _playbook_input(brand)}, token=token))["data"]
    cm_token = await _member_token(gql_services, token, "community_manager")
    opening = {"brand": brand, "severity": "MEDIUM", "reason": "Troll wave"}
    opened = (await gql_services(OPEN, opening, token=cm_token))["data"]["openCrisisIncident"]
    assert (opened["status"], opened["playbookId"]) == ("OPEN", playbook["createCrisisPlaybook"]["id"])
    assert [(i["position"], i["title"]) for i in opened["checklist"]] == [
        (1, "Hide abusive replies"),
        (2, "Post the holding statement"),
    ]
    again = (await gql_services(OPEN, opening, token=cm_token))["data"]["openCrisisIncident"]
    assert (again["__typename"], again["code"]) == ("Conflict", "crisis_incident_already_open")

    worked = (await gql_services(INCIDENT_ACTIONS, {"id": opened["id"]}, token=cm_token))["data"]
    assert [worked[k] for k in ("step", "statement", "note")] == [{"__typename": "CrisisIncident"}] * 3
    escalated = worked["escalation"]
    assert escalated["severity"] == "HIGH"
    assert escalated["checklist"][0]["completedAt"] is not None
    assert escalated["checklist"][1]["completedAt"] is None
    kinds = [entry["kind"] for entry in escalated["timeline"]]
    assert kinds[-4:] == ["STEP_COMPLETED", "STATEMENT_USED", "NOTE", "ESCALATED"]

    by_cm = (await gql_services(CLOSE, {"id": opened["id"], "lessons": POST_MORTEM}, token=cm_token))["data"]
    assert by_cm["closeCrisisIncident"]["__typename"] == "NotAllowed"
    closed = (await gql_services(CLOSE, {"id": opened["id"], "lessons": POST_MORTEM}, token=token))["data"]
    assert closed["closeCrisisIncident"]["status"] == "CLOSED"
    assert closed["closeCrisisIncident"]["postMortem"] == {"summary": "Handled"}
    assert (await gql_services(INCIDENTS, {"brand": brand, "open": True}, token=token))["data"]["crisisIncidents"] == {
        "nodes": []
    }
    listed = (await gql_services(INCIDENTS, {"brand": brand, "open": False}, token=token))["data"]
    assert listed["crisisIncidents"]["nodes"] == [{"id": opened["id"], "status": "CLOSED"}]
    step_late = await gql_services(
        "mutation($id: ID!) { completeCrisisStep(id: $id, position: 2) { __typename } }",
        {"id": opened["id"]},
        token=token,
    )
    assert step_late["data"]["completeCrisisStep"]["__typename"] == "Conflict"

    one = "query($id: ID!) { crisisIncident(id: $id) { reason } }"
    assert (await gql_services(one, {"id": opened["id"]}, token=token))["data"]["crisisIncident"] == {
        "reason": "Troll wave"
    }
    stranger = (await new_agency()).api_key_plaintext
    assert (await gql_services(one, {"id": opened["id"]}, token=stranger))["data"]["crisisIncident"] is None
    foreign = (await gql_services(OPEN, opening, token=stranger))["data"]["openCrisisIncident"]
    assert foreign["__typename"] == "NotFound"


async def test_a_cm_freezes_a_brands_publishing_and_only_a_strategist_resumes_it(
    gql_services: GraphQL, new_agency: NewAgency, publishing_db: MigratedDatabase
) -> None:
    agency = await new_agency()
    token = agency.api_key_plaintext
    brand = await _brand(gql_services, token)
    unknown = (await gql_services(FREEZE, {"brand": brand, "reason": "Recall"}, token=token))["data"]
    assert (unknown["freezePublishing"]["__typename"], unknown["freezePublishing"]["code"]) == (
        "NotFound",
        "brand_not_known",
    )
    await _known_to_publishing(publishing_db, agency.agency.id, brand)
    assert (await gql_services(BRAND_FREEZE, {"id": brand}, token=token))["data"]["brand"]["freeze"]["frozen"] is False

    cm_token = await _member_token(gql_services, token, "community_manager")
    blank = (await gql_services(FREEZE, {"brand": brand, "reason": "  "}, token=cm_token))["data"]
    assert [f["field"] for f in blank["freezePublishing"]["fields"]] == ["reason"]
    frozen = (await gql_services(FREEZE, {"brand": brand, "reason": "Recall announced"}, token=cm_token))["data"]
    shown = frozen["freezePublishing"]
    assert (shown["frozen"], shown["reason"], shown["source"]) == (True, "Recall announced", "manual")
    twice = (await gql_services(FREEZE, {"brand": brand, "reason": "again"}, token=cm_token))["data"]
    assert (twice["freezePublishing"]["__typename"], twice["freezePublishing"]["code"]) == (
        "Conflict",
        "brand_already_frozen",
    )
    seen = (await gql_services(BRAND_FREEZE, {"id": brand}, token=token))["data"]["brand"]["freeze"]
    assert (seen["frozen"], seen["frozenBy"]) == (True, shown["frozenBy"])

    by_cm = (await gql_services(RESUME, {"brand": brand}, token=cm_token))["data"]["resumePublishing"]
    assert by_cm["__typename"] == "NotAllowed"
    client_token = await _member_token(gql_services, token, "client", brand_ids=[str(uuid.uuid4())])
    hidden = (await gql_services(FREEZE, {"brand": brand, "reason": "x"}, token=client_token))["data"]
    assert hidden["freezePublishing"]["__typename"] == "NotAllowed"
    resumed = (await gql_services(RESUME, {"brand": brand}, token=token))["data"]["resumePublishing"]
    assert resumed["frozen"] is False
    assert resumed["resumedBy"] not in {None, shown["frozenBy"]}
    assert (await gql_services(BRAND_FREEZE, {"id": brand}, token=token))["data"]["brand"]["freeze"]["frozen"] is False
    not_frozen = (await gql_services(RESUME, {"brand": brand}, token=token))["data"]["resumePublishing"]
    assert not_frozen["code"] == "brand_not_frozen"
