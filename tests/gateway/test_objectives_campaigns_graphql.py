"""Objectives, KPI targets and campaigns through the gateway's GraphQL, backed by real planning on PostgreSQL."""

from __future__ import annotations

import uuid
from typing import Any

from chorus_gateway.testing import GraphQL, NewAgency, add_member, login_token

PROBLEM = "... on Problem { __typename code message } ... on ValidationErrors { fields { field code } }"
OBJECTIVE_FIELDS = "id kind title kpis { id metric formula target direction periodStart periodEnd progress { value } }"
CREATE_OBJECTIVE = f"""
mutation($input: CreateObjectiveInput!) {{
  createObjective(input: $input) {{ __typename ... on Objective {{ {OBJECTIVE_FIELDS} }} {PROBLEM} }}
}}
"""
ADD_KPI = f"""
mutation($objective: ID!, $input: KpiTargetInput!) {{
  addKpiTarget(objectiveId: $objective, input: $input) {{
    __typename ... on Objective {{ {OBJECTIVE_FIELDS} }} {PROBLEM}
  }}
}}
"""
CHANGE_KPI = f"""
mutation($input: ChangeKpiTargetInput!) {{
  changeKpiTarget(input: $input) {{ __typename ... on Objective {{ {OBJECTIVE_FIELDS} }} {PROBLEM} }}
}}
"""
REMOVE_KPI = f"""
mutation($objective: ID!, $kpi: ID!) {{
  removeKpiTarget(objectiveId: $objective, kpiId: $kpi) {{ __typename ... on Objective {{ {OBJECTIVE_FIELDS} }} }}
}}
"""
OBJECTIVES = """
query($brand: ID, $first: Int, $after: String) {
  objectives(brandId: $brand, first: $first, after: $after) {
    nodes { title } pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}
"""
MONEY = "amountMinor currency"
CAMPAIGN_FIELDS = (
    f"id status channels budget {{ {MONEY} }} spent {{ {MONEY} }} remaining {{ {MONEY} }} "
    f"lines {{ activity amount {{ {MONEY} }} spent {{ amountMinor }} remaining {{ amountMinor }} }}"
)
CREATE_CAMPAIGN = f"""
mutation($input: CreateCampaignInput!) {{
  createCampaign(input: $input) {{ __typename ... on Campaign {{ {CAMPAIGN_FIELDS} }} {PROBLEM} }}
}}
"""
SET_BUDGET = f"""
mutation($id: ID!, $budget: BudgetInput!) {{
  setCampaignBudget(id: $id, budget: $budget) {{ __typename ... on Campaign {{ {CAMPAIGN_FIELDS} }} {PROBLEM} }}
}}
"""
STATUS = f"""
mutation($id: ID!, $status: CampaignStatus!) {{
  changeCampaignStatus(id: $id, status: $status) {{ __typename ... on Campaign {{ status }} {PROBLEM} }}
}}
"""
SPEND = f"""
mutation($input: RecordSpendInput!) {{
  recordSpend(input: $input) {{
    __typename
    ... on SpendRecorded {{ entry {{ line amount {{ {MONEY} }} spentOn }} campaign {{ {CAMPAIGN_FIELDS} }} }}
    {PROBLEM}
  }}
}}
"""
CAMPAIGN = """
query($id: ID!, $first: Int, $after: String) {
  campaign(id: $id) {
    name
    spend(first: $first, after: $after) {
      nodes { amount { amountMinor } note } pageInfo { hasNextPage endCursor }
    }
  }
}
"""
CAMPAIGNS = "query($brand: ID) { campaigns(brandId: $brand) { nodes { id brandId } } }"
RATE = {"metric": "ENGAGEMENT_RATE", "formula": "ENGAGEMENTS_BY_REACH", "target": "0.045"}


async def _brand(gql: GraphQL, token: str) -> str:
    created = await gql(
        'mutation { createBrand(input: {name: "Maison", timezone: "Europe/Paris", languages: ["fr"]}) '
        "{ __typename ... on Brand { id } } }",
        token=token,
    )
    return str(created["data"]["createBrand"]["id"])


def _objective_input(brand: str, **changes: Any) -> dict[str, Any]:
    body = {
        "brandId": brand,
        "kind": "ENGAGEMENT",
        "title": "Grow the conversation",
        "periodStart": "2026-07-01",
        "periodEnd": "2026-09-30",
        "kpis": [RATE],
    }
    return {**body, **changes}


def _campaign_input(brand: str, **changes: Any) -> dict[str, Any]:
    body = {
        "brandId": brand,
        "name": "Summer launch",
        "startDate": "2026-06-01",
        "endDate": "2026-06-30",
        "channels": ["INSTAGRAM", "TIKTOK"],
        "budget": {
            "amountMinor": "5000000000",
            "currency": "EUR",
            "lines": [{"activity": "PAID_ADS", "amountMinor": "3000000000"}],
        },
    }
    return {**body, **changes}


async def _campaign(gql: GraphQL, token: str, brand: str) -> dict[str, Any]:
    created: dict[str, Any] = (await gql(CREATE_CAMPAIGN, {"input": _campaign_input(brand)}, token=token))["data"][
        "createCampaign"
    ]
    assert created["__typename"] == "Campaign", created
    return created


def _spend_input(campaign: str, amount: str, note: str = "boost") -> dict[str, Any]:
    return {
        "campaignId": campaign,
        "line": "PAID_ADS",
        "amountMinor": amount,
        "currency": "EUR",
        "spentOn": "2026-06-10",
        "note": note,
    }


async def test_an_objective_gets_kpi_targets_changed_and_removed_and_a_kpi_needs_a_formula(
    gql_planning: GraphQL, new_agency: NewAgency
) -> None:
    token = (await new_agency()).api_key_plaintext
    brand = await _brand(gql_planning, token)
    no_formula = _objective_input(brand, kpis=[RATE, {"metric": "ENGAGEMENT_RATE", "target": "0.05"}])
    refused = (await gql_planning(CREATE_OBJECTIVE, {"input": no_formula}, token=token))["data"]["createObjective"]
    assert refused["__typename"] == "ValidationErrors"
    assert refused["fields"] == [{"field": "kpis.1.formula", "code": "required"}]

    created = (await gql_planning(CREATE_OBJECTIVE, {"input": _objective_input(brand)}, token=token))["data"][
        "createObjective"
    ]
    [kpi] = created["kpis"]
    assert (created["kind"], kpi["metric"], kpi["formula"], kpi["target"], kpi["direction"]) == (
        "ENGAGEMENT",
        "ENGAGEMENT_RATE",
        "ENGAGEMENTS_BY_REACH",
        "0.045",
        "AT_LEAST",
    )
    assert (kpi["periodStart"], kpi["periodEnd"], kpi["progress"]) == ("2026-07-01", "2026-09-30", None)

    reach = {"metric": "REACH", "formula": "UNIQUE_ACCOUNTS_REACHED", "target": "120000"}
    added = (await gql_planning(ADD_KPI, {"objective": created["id"], "input": reach}, token=token))["data"]
    assert [k["metric"] for k in added["addKpiTarget"]["kpis"]] == ["ENGAGEMENT_RATE", "REACH"]
    change = {"objectiveId": created["id"], "kpiId": kpi["id"], "target": "0.06"}
    changed = (await gql_planning(CHANGE_KPI, {"input": change}, token=token))["data"]["changeKpiTarget"]
    assert changed["kpis"][0]["target"] == "0.06"
    removed = (await gql_planning(REMOVE_KPI, {"objective": created["id"], "kpi": kpi["id"]}, token=token))["data"]
    assert [k["metric"] for k in removed["removeKpiTarget"]["kpis"]] == ["REACH"]

    shown = await gql_planning("query($id: ID!) { objective(id: $id) { title } }", {"id": created["id"]}, token=token)
    assert shown["data"]["objective"] == {"title": "Grow the conversation"}
    unknown = await gql_planning(
        "query($id: ID!) { objective(id: $id) { id } }", {"id": str(uuid.uuid4())}, token=token
    )
    assert unknown["data"]["objective"] is None


async def test_objectives_come_in_pages_with_opaque_cursors(gql_planning: GraphQL, new_agency: NewAgency) -> None:
    token = (await new_agency()).api_key_plaintext
    brand = await _brand(gql_planning, token)
    for title in ("First", "Second", "Third"):
        await gql_planning(CREATE_OBJECTIVE, {"input": _objective_input(brand, title=title)}, token=token)

    first = (await gql_planning(OBJECTIVES, {"brand": brand, "first": 2}, token=token))["data"]["objectives"]
    assert len(first["nodes"]) == 2
    assert (first["pageInfo"]["hasNextPage"], first["pageInfo"]["hasPreviousPage"]) == (True, False)
    after = first["pageInfo"]["endCursor"]
    rest = (await gql_planning(OBJECTIVES, {"brand": brand, "first": 2, "after": after}, token=token))["data"]
    assert len(rest["objectives"]["nodes"]) == 1
    assert (rest["objectives"]["pageInfo"]["hasNextPage"], rest["objectives"]["pageInfo"]["hasPreviousPage"]) == (
        False,
        True,
    )
    titles = {n["title"] for n in first["nodes"] + rest["objectives"]["nodes"]}
    assert titles == {"First", "Second", "Third"}

    too_many = await gql_planning(OBJECTIVES, {"brand": brand, "first": 101}, token=token)
    assert too_many["data"] is None
    assert "between 1 and 100" in too_many["errors"][0]["message"]
    forged = await gql_planning(OBJECTIVES, {"brand": brand, "after": "bm90LWEtY3Vyc29y"}, token=token)
    assert forged["data"] is None
    assert forged["errors"][0]["message"] == "Invalid cursor."


async def test_spend_lowers_what_remains_beyond_graphql_int_and_bad_money_names_its_field(
    gql_planning: GraphQL, new_agency: NewAgency
) -> None:
    token = (await new_agency()).api_key_plaintext
    brand = await _brand(gql_planning, token)
    campaign = await _campaign(gql_planning, token, brand)
    assert (campaign["status"], campaign["channels"], campaign["budget"]) == (
        "DRAFT",
        ["INSTAGRAM", "TIKTOK"],
        {"amountMinor": "5000000000", "currency": "EUR"},
    )

    recorded = (await gql_planning(SPEND, {"input": _spend_input(campaign["id"], "2500000000")}, token=token))["data"]
    after = recorded["recordSpend"]["campaign"]
    assert recorded["recordSpend"]["entry"]["amount"] == {"amountMinor": "2500000000", "currency": "EUR"}
    assert (after["spent"]["amountMinor"], after["remaining"]["amountMinor"]) == ("2500000000", "2500000000")
    assert after["lines"] == [
        {
            "activity": "PAID_ADS",
            "amount": {"amountMinor": "3000000000", "currency": "EUR"},
            "spent": {"amountMinor": "2500000000"},
            "remaining": {"amountMinor": "500000000"},
        }
    ]
    fraction = (await gql_planning(SPEND, {"input": _spend_input(campaign["id"], "12.50")}, token=token))["data"]
    assert fraction["recordSpend"]["fields"] == [{"field": "amountMinor", "code": "invalid_amount"}]
    negative = (await gql_planning(SPEND, {"input": _spend_input(campaign["id"], "-3")}, token=token))["data"]
    assert negative["recordSpend"]["__typename"] == "ValidationErrors"
    assert [f["field"] for f in negative["recordSpend"]["fields"]] == ["amount"]

    await gql_planning(SPEND, {"input": _spend_input(campaign["id"], "100", note="second")}, token=token)
    page = (await gql_planning(CAMPAIGN, {"id": campaign["id"], "first": 1}, token=token))["data"]["campaign"]
    assert (len(page["spend"]["nodes"]), page["spend"]["pageInfo"]["hasNextPage"]) == (1, True)
    cursor = page["spend"]["pageInfo"]["endCursor"]
    rest = (await gql_planning(CAMPAIGN, {"id": campaign["id"], "after": cursor}, token=token))["data"]["campaign"]
    assert rest["spend"]["pageInfo"]["hasNextPage"] is False
    notes = sorted(e["note"] for e in page["spend"]["nodes"] + rest["spend"]["nodes"])
    assert notes == ["boost", "second"]


async def test_budget_lines_and_status_follow_planning_rules(gql_planning: GraphQL, new_agency: NewAgency) -> None:
    token = (await new_agency()).api_key_plaintext
    campaign = await _campaign(gql_planning, token, await _brand(gql_planning, token))
    twice = {
        "amountMinor": "1000",
        "currency": "EUR",
        "lines": [{"activity": "TOOLS", "amountMinor": "10"}, {"activity": "TOOLS", "amountMinor": "20"}],
    }
    duplicate = (await gql_planning(SET_BUDGET, {"id": campaign["id"], "budget": twice}, token=token))["data"]
    assert duplicate["setCampaignBudget"]["fields"] == [{"field": "budget.lines.1.activity", "code": "duplicate"}]
    over = {"amountMinor": "1000", "currency": "EUR", "lines": [{"activity": "TOOLS", "amountMinor": "2000"}]}
    refused = (await gql_planning(SET_BUDGET, {"id": campaign["id"], "budget": over}, token=token))["data"]
    assert refused["setCampaignBudget"]["__typename"] == "ValidationErrors"
    fits = {"amountMinor": "1000", "currency": "EUR", "lines": [{"activity": "TOOLS", "amountMinor": "600"}]}
    changed = (await gql_planning(SET_BUDGET, {"id": campaign["id"], "budget": fits}, token=token))["data"]
    assert [line["activity"] for line in changed["setCampaignBudget"]["lines"]] == ["TOOLS"]
    assert changed["setCampaignBudget"]["remaining"] == {"amountMinor": "1000", "currency": "EUR"}

    early = (await gql_planning(STATUS, {"id": campaign["id"], "status": "COMPLETED"}, token=token))["data"]
    assert early["changeCampaignStatus"]["__typename"] == "Conflict"
    for status in ("ACTIVE", "COMPLETED"):
        moved = (await gql_planning(STATUS, {"id": campaign["id"], "status": status}, token=token))["data"]
        assert moved["changeCampaignStatus"] == {"__typename": "Campaign", "status": status}
    final = (await gql_planning(STATUS, {"id": campaign["id"], "status": "CANCELLED"}, token=token))["data"]
    assert final["changeCampaignStatus"]["__typename"] == "Conflict"


async def test_roles_brand_scope_and_tenants_decide_who_sees_and_writes_campaigns(
    gql_planning: GraphQL, new_agency: NewAgency
) -> None:
    token = (await new_agency()).api_key_plaintext
    theirs_brand, other_brand = await _brand(gql_planning, token), await _brand(gql_planning, token)
    theirs = await _campaign(gql_planning, token, theirs_brand)
    other = await _campaign(gql_planning, token, other_brand)

    cm = await add_member(gql_planning, token, role="community_manager")
    cm_token = await login_token(gql_planning, cm["email"])
    denied = (await gql_planning(CREATE_CAMPAIGN, {"input": _campaign_input(theirs_brand)}, token=cm_token))["data"]
    assert denied["createCampaign"]["__typename"] == "NotAllowed"

    member = await add_member(gql_planning, token, role="client", brand_ids=[theirs_brand])
    client_token = await login_token(gql_planning, member["email"])
    listed = (await gql_planning(CAMPAIGNS, {}, token=client_token))["data"]["campaigns"]["nodes"]
    assert listed == [{"id": theirs["id"], "brandId": theirs_brand}]
    hidden = await gql_planning(CAMPAIGN, {"id": other["id"]}, token=client_token)
    assert hidden["data"]["campaign"] is None
    spend = (await gql_planning(SPEND, {"input": _spend_input(theirs["id"], "10")}, token=client_token))["data"]
    assert spend["recordSpend"]["__typename"] == "NotAllowed"

    stranger = (await new_agency()).api_key_plaintext
    assert (await gql_planning(CAMPAIGN, {"id": theirs["id"]}, token=stranger))["data"]["campaign"] is None
    assert (await gql_planning(CAMPAIGNS, {}, token=stranger))["data"]["campaigns"]["nodes"] == []
    elsewhere = (await gql_planning(SPEND, {"input": _spend_input(theirs["id"], "10")}, token=stranger))["data"]
    assert elsewhere["recordSpend"]["__typename"] == "NotFound"
