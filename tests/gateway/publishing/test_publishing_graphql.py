"""Posts, channels, the calendar and publications through the gateway's GraphQL, on the real planning and publishing
apps: the way from draft to scheduled, validatePost, camelCase field errors, roles, brand scope and tenants."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from chorus_gateway.testing import GraphQL, NewAgency
from chorus_publishing.domain.publication import PublicationContent, Timing
from chorus_publishing.service.publications import schedule_publication
from chorus_publishing.testing.dispatch_kit import uow_for
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.messaging.contracts.planning_brand_voice import ApprovalPolicy
from chorus_shared.testing.postgres import MigratedDatabase

Maker = Callable[..., Awaitable[str]]
PROBLEM = "... on Problem { __typename code message } ... on ValidationErrors { fields { field code } }"
POST_FIELDS = "id state scheduledAt variants { position network channelId text channel { displayName } }"
CREATE = f"""
mutation($input: CreatePostInput!) {{
  createPost(input: $input) {{ __typename ... on Post {{ {POST_FIELDS} }} {PROBLEM} }}
}}
"""
UPDATE = f"""
mutation($input: UpdatePostInput!) {{
  updatePost(input: $input) {{ __typename ... on Post {{ {POST_FIELDS} }} {PROBLEM} }}
}}
"""
STEPS = f"""
mutation($id: ID!, $at: DateTime!, $reason: String!) {{
  submit: submitPost(id: $id) {{ __typename ... on Post {{ state }} {PROBLEM} }}
  blank: rejectPost(id: $id, reason: "  ") {{ __typename {PROBLEM} }}
  reject: rejectPost(id: $id, reason: $reason) {{ __typename ... on Post {{ state }} {PROBLEM} }}
  early: schedulePost(id: $id, at: $at) {{ __typename {PROBLEM} }}
}}
"""
SUBMIT = "mutation($id: ID!) { submitPost(id: $id) { __typename ... on Post { state } } }"
ACT = """
mutation($id: ID!, $at: DateTime!) {
  approve: approvePost(id: $id, note: "Lovely") { __typename ... on Post { state } }
  comment: commentOnPost(id: $id, text: "Ship it") { __typename ... on PostComment { author text } }
  schedule: schedulePost(id: $id, at: $at) { __typename ... on Post { state scheduledAt } }
}
"""
READ = """
query($id: ID!) {
  post(id: $id) {
    state approval { status decidedBy reason }
    history { fromState toState reason }
    comments { text }
    publications { id state timing attempts { number } history { state } }
  }
}
"""
VALIDATE = f"""
query($input: ValidatePostInput!) {{
  validatePost(input: $input) {{
    __typename
    ... on PostCheck {{
      valid errors {{ field code }} variants {{ index network length maxLength problems {{ field code }} }}
    }}
    {PROBLEM}
  }}
}}
"""
LIST = """
query($brand: ID!, $where: PostFilter, $first: Int, $after: String) {
  posts(brandId: $brand, where: $where, first: $first, after: $after) {
    nodes { id state } pageInfo { hasNextPage endCursor }
  }
}
"""
BRAND_LISTS = """
query($brand: ID!) {
  brand(id: $brand) {
    posts(where: {states: [SCHEDULED]}) { nodes { id } }
    channels { nodes { id network tokenHealth { status lastError reconnectPath } } }
  }
}
"""
CALENDAR = """
query($brand: ID!, $from: Date!, $to: Date!) {
  postCalendar(brandId: $brand, from: $from, to: $to) { timezone days { date posts { id scheduledAt } } }
}
"""


def _variant(channel: str, text: str = "Spring is here.", **extra: Any) -> dict[str, Any]:
    return {"network": "SANDBOX", "channelId": channel, "text": text, **extra}


async def _created(gql: GraphQL, token: str, brand: str, channel: str) -> dict[str, Any]:
    made = await gql(CREATE, {"input": {"brandId": brand, "variants": [_variant(channel)]}}, token=token)
    post: dict[str, Any] = made["data"]["createPost"]
    assert post["__typename"] == "Post", post
    return post


async def test_a_post_goes_from_draft_to_scheduled_and_shows_on_the_calendar(
    gql_services: GraphQL,
    new_agency: NewAgency,
    new_brand: Maker,
    new_member: Maker,
    new_channel: Maker,
    publishing_db: MigratedDatabase,
) -> None:
    agency = await new_agency()
    token = agency.api_key_plaintext
    brand = await new_brand(token, agency.agency.id)
    channel = await new_channel(token, brand)

    wrong = {"brandId": brand, "variants": [_variant(channel, firstComment="x" * 200_001)]}
    refused = (await gql_services(CREATE, {"input": wrong}, token=token))["data"]["createPost"]
    assert refused["__typename"] == "ValidationErrors"
    assert [f["field"] for f in refused["fields"]] == ["variants.0.firstComment"]

    post = await _created(gql_services, token, brand, channel)
    assert (post["state"], post["variants"][0]["channel"]) == ("DRAFT", {"displayName": "kettle"})
    edit = {"id": post["id"], "variants": [_variant(channel, "Spring, edited")]}
    edited = (await gql_services(UPDATE, {"input": edit}, token=token))["data"]["updatePost"]
    assert edited["variants"][0]["text"] == "Spring, edited"

    past = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    steps = (await gql_services(STEPS, {"id": post["id"], "at": past, "reason": "Too cold"}, token=token))["data"]
    assert steps["submit"] == {"__typename": "Post", "state": "PENDING_APPROVAL"}
    assert [f["field"] for f in steps["blank"]["fields"]] == ["reason"]
    assert steps["reject"]["state"] == "REJECTED"
    assert steps["early"]["fields"] == [{"field": "scheduledAt", "code": "past"}]

    second = await _created(gql_services, token, brand, channel)
    submitted = (await gql_services(SUBMIT, {"id": second["id"]}, token=token))["data"]["submitPost"]
    assert submitted["state"] == "PENDING_APPROVAL"
    # 23:30 UTC on a summer day is 01:30 the next day in Paris: the calendar shows it on the local date.
    at = datetime(datetime.now(UTC).year + 1, 7, 14, 23, 30, tzinfo=UTC)
    acted = (await gql_services(ACT, {"id": second["id"], "at": at.isoformat()}, token=token))["data"]
    assert (acted["approve"]["state"], acted["comment"]["text"], acted["schedule"]["state"]) == (
        "APPROVED",
        "Ship it",
        "SCHEDULED",
    )
    shown = (await gql_services(READ, {"id": second["id"]}, token=token))["data"]["post"]
    assert shown["approval"]["status"] == "APPROVED"
    assert shown["approval"]["reason"] == "Lovely"
    assert [(h["fromState"], h["toState"]) for h in shown["history"]] == [
        (None, "DRAFT"),
        ("DRAFT", "PENDING_APPROVAL"),
        ("PENDING_APPROVAL", "APPROVED"),
        ("APPROVED", "SCHEDULED"),
    ]
    assert shown["comments"] == [{"text": "Ship it"}]
    # Scheduling the post scheduled its one variant's publication at the custom time.
    assert [(p["state"], p["timing"], p["attempts"]) for p in shown["publications"]] == [("SCHEDULED", "CUSTOM", [])]
    rejected = (await gql_services(READ, {"id": post["id"]}, token=token))["data"]["post"]["approval"]
    assert (rejected["status"], rejected["reason"]) == ("REJECTED", "Too cold")

    day = at.date()
    calendar = await gql_services(
        CALENDAR, {"brand": brand, "from": str(day), "to": str(day + timedelta(days=1))}, token=token
    )
    assert calendar["data"]["postCalendar"] == {
        "timezone": "Europe/Paris",
        "days": [
            {"date": str(day + timedelta(days=1)), "posts": [{"id": second["id"], "scheduledAt": at.isoformat()}]}
        ],
    }
    too_long = await gql_services(
        CALENDAR, {"brand": brand, "from": str(day), "to": str(day + timedelta(days=90))}, token=token
    )
    assert too_long["data"] == {"postCalendar": None}
    assert too_long["errors"][0]["extensions"]["fields"][0]["field"] == "to"

    lists = (await gql_services(BRAND_LISTS, {"brand": brand}, token=token))["data"]["brand"]
    assert lists["posts"]["nodes"] == [{"id": second["id"]}]
    assert lists["channels"]["nodes"] == [
        {
            "id": channel,
            "network": "SANDBOX",
            "tokenHealth": {
                "status": "CONNECTED",
                "lastError": None,
                "reconnectPath": f"/channels/{channel}/reconnect",
            },
        }
    ]


async def test_posts_are_listed_by_channel_state_and_range_in_pages(
    gql_services: GraphQL,
    new_agency: NewAgency,
    new_brand: Maker,
    new_member: Maker,
    new_channel: Maker,
    publishing_db: MigratedDatabase,
) -> None:
    agency = await new_agency()
    token = agency.api_key_plaintext
    brand = await new_brand(token, agency.agency.id, ApprovalPolicy.NONE)
    here = await new_channel(token, brand, "here")
    there = await new_channel(token, brand, "there")
    ids = [(await _created(gql_services, token, brand, here))["id"] for _ in range(3)]
    elsewhere = (await _created(gql_services, token, brand, there))["id"]
    at = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    for post in (ids[0], elsewhere):
        assert (await gql_services(SUBMIT, {"id": post}, token=token))["data"]["submitPost"]["state"] == "APPROVED"
        acted = (await gql_services(ACT, {"id": post, "at": at.isoformat()}, token=token))["data"]
        assert acted["schedule"]["state"] == "SCHEDULED"

    first = (await gql_services(LIST, {"brand": brand, "where": {"channelId": here}, "first": 2}, token=token))["data"]
    page = first["posts"]
    assert (len(page["nodes"]), page["pageInfo"]["hasNextPage"]) == (2, True)
    after = {"brand": brand, "where": {"channelId": here}, "after": page["pageInfo"]["endCursor"]}
    rest = (await gql_services(LIST, after, token=token))["data"]["posts"]
    assert {n["id"] for n in page["nodes"] + rest["nodes"]} == set(ids)
    assert rest["pageInfo"]["hasNextPage"] is False

    window = {
        "states": ["SCHEDULED"],
        "scheduledFrom": at.isoformat(),
        "scheduledBefore": (at + timedelta(hours=1)).isoformat(),
    }
    scheduled = (await gql_services(LIST, {"brand": brand, "where": window}, token=token))["data"]["posts"]["nodes"]
    assert {n["id"] for n in scheduled} == {ids[0], elsewhere}
    drafts = {"brand": brand, "where": {"states": ["DRAFT"], "channelId": here}}
    assert {n["id"] for n in (await gql_services(LIST, drafts, token=token))["data"]["posts"]["nodes"]} == set(ids[1:])

    bad_cursor = await gql_services(LIST, {"brand": brand, "after": "nope"}, token=token)
    assert bad_cursor["errors"][0]["extensions"]["fields"][0]["field"] == "after"
    too_many = await gql_services(LIST, {"brand": brand, "first": 101}, token=token)
    assert too_many["errors"][0]["extensions"]["fields"][0]["field"] == "first"


async def test_validate_post_reports_each_variants_problems_the_networks_way(
    gql_services: GraphQL,
    new_agency: NewAgency,
    new_brand: Maker,
    new_member: Maker,
    new_channel: Maker,
    publishing_db: MigratedDatabase,
) -> None:
    agency = await new_agency()
    token = agency.api_key_plaintext
    brand = await new_brand(token, agency.agency.id)
    channel = await new_channel(token, brand)
    content = {
        "brandId": brand,
        "variants": [
            {"network": "SANDBOX", "channelId": channel, "text": "Fine"},
            {"network": "MASTODON", "text": "x" * 600},
            {"network": "INSTAGRAM", "text": "No picture"},
        ],
    }
    check = (await gql_services(VALIDATE, {"input": content}, token=token))["data"]["validatePost"]
    assert (check["__typename"], check["valid"]) == ("PostCheck", False)
    by_index = {v["index"]: v for v in check["variants"]}
    assert by_index[0]["problems"] == []
    assert (by_index[1]["length"], by_index[1]["maxLength"]) == (600, 500)
    assert {p["field"] for p in by_index[1]["problems"]} == {"variants.1.text"}
    assert {p["field"] for p in by_index[2]["problems"]} == {"variants.2.media"}
    assert {e["field"] for e in check["errors"]} >= {"variants.1.text", "variants.2.media"}

    unknown = (await gql_services(VALIDATE, {"input": {**content, "brandId": str(uuid.uuid4())}}, token=token))["data"]
    assert unknown["validatePost"]["__typename"] == "NotFound"
    not_an_id = (await gql_services(VALIDATE, {"input": {**content, "brandId": "nope"}}, token=token))["data"]
    assert [f["field"] for f in not_an_id["validatePost"]["fields"]] == ["brandId"]


async def test_a_client_sees_and_approves_only_its_brand_and_other_tenants_see_nothing(
    gql_services: GraphQL,
    new_agency: NewAgency,
    new_brand: Maker,
    new_member: Maker,
    new_channel: Maker,
    publishing_db: MigratedDatabase,
) -> None:
    agency = await new_agency()
    token = agency.api_key_plaintext
    mine = await new_brand(token, agency.agency.id, ApprovalPolicy.CLIENT)
    theirs = await new_brand(token, agency.agency.id)
    mine_post = await _created(gql_services, token, mine, await new_channel(token, mine))
    theirs_post = await _created(gql_services, token, theirs, await new_channel(token, theirs))
    client = await new_member(token, "client", brand_ids=[mine])
    analyst = await new_member(token, "analyst")

    one = "query($id: ID!) { post(id: $id) { id } }"
    assert (await gql_services(one, {"id": mine_post["id"]}, token=client))["data"]["post"] == {"id": mine_post["id"]}
    assert (await gql_services(one, {"id": theirs_post["id"]}, token=client))["data"]["post"] is None
    assert [n["id"] for n in (await gql_services(LIST, {"brand": mine}, token=client))["data"]["posts"]["nodes"]] == [
        mine_post["id"]
    ]
    hidden = await gql_services(LIST, {"brand": theirs}, token=client)
    assert (hidden["data"], hidden["errors"][0]["extensions"]["code"]) == (None, "BRAND_NOT_KNOWN")
    days = {"brand": theirs, "from": "2030-01-01", "to": "2030-01-02"}
    assert (await gql_services(CALENDAR, days, token=client))["data"] == {"postCalendar": None}

    by_analyst = await gql_services(
        CREATE, {"input": {"brandId": mine, "variants": [_variant(str(uuid.uuid4()))]}}, token=analyst
    )
    assert by_analyst["data"]["createPost"]["__typename"] == "NotAllowed"
    foreign = await gql_services(
        STEPS, {"id": theirs_post["id"], "at": "2030-01-01T00:00:00Z", "reason": "x"}, token=client
    )
    assert foreign["data"]["submit"]["__typename"] in {"NotAllowed", "NotFound"}

    assert (await gql_services(SUBMIT, {"id": mine_post["id"]}, token=token))["data"]["submitPost"]["state"] == (
        "PENDING_APPROVAL"
    )
    approve = "mutation($id: ID!) { approvePost(id: $id) { __typename ... on Post { state } ... on Problem { code } } }"
    by_agency = (await gql_services(approve, {"id": mine_post["id"]}, token=token))["data"]["approvePost"]
    assert by_agency["__typename"] == "NotAllowed"
    by_client = (await gql_services(approve, {"id": mine_post["id"]}, token=client))["data"]["approvePost"]
    assert by_client == {"__typename": "Post", "state": "APPROVED"}

    stranger = (await new_agency()).api_key_plaintext
    assert (await gql_services(one, {"id": mine_post["id"]}, token=stranger))["data"]["post"] is None
    channel_of = "query($id: ID!) { channel(id: $id) { id } }"
    channel = mine_post["variants"][0]["channelId"]
    assert (await gql_services(channel_of, {"id": channel}, token=stranger))["data"]["channel"] is None
    assert (await gql_services(channel_of, {"id": channel}, token=client))["data"]["channel"] == {"id": channel}


PUBLICATION = f"""
mutation($id: ID!, $timing: PublicationTiming!, $at: DateTime) {{
  move: schedulePublication(id: $id, timing: $timing, at: $at) {{
    __typename ... on Publication {{ state timing dueAt }} {PROBLEM}
  }}
}}
"""
ADD_SLOT = f"""
mutation($channel: ID!, $brand: ID!, $weekday: Int!, $time: Time!) {{
  addQueueSlot(channelId: $channel, brandId: $brand, weekday: $weekday, time: $time) {{
    __typename ... on QueueSlot {{ id weekday time }} {PROBLEM}
  }}
}}
"""
REMOVE_SLOT = f"""
mutation($channel: ID!, $slot: ID!) {{
  removeQueueSlot(channelId: $channel, slotId: $slot) {{ __typename ... on QueueSlotRemoved {{ id }} {PROBLEM} }}
}}
"""
SLOTS = "query($id: ID!) { channel(id: $id) { queueSlots { id weekday time } } }"
PUBLICATION_ACTIONS = f"""
mutation($id: ID!) {{
  retry: retryPublication(id: $id) {{ __typename {PROBLEM} }}
  now: sharePublicationNow(id: $id) {{ __typename ... on Publication {{ timing }} {PROBLEM} }}
  cancel: cancelPublication(id: $id) {{ __typename ... on Publication {{ state history {{ state }} }} {PROBLEM} }}
  again: cancelPublication(id: $id) {{ __typename {PROBLEM} }}
}}
"""


async def test_a_posts_publications_show_their_status_and_move_retry_and_cancel(
    gql_services: GraphQL,
    new_agency: NewAgency,
    new_brand: Maker,
    new_member: Maker,
    new_channel: Maker,
    publishing_db: MigratedDatabase,
) -> None:
    agency = await new_agency()
    token = agency.api_key_plaintext
    brand = await new_brand(token, agency.agency.id)
    channel = await new_channel(token, brand)
    post = await _created(gql_services, token, brand, channel)
    later = datetime.now(UTC) + timedelta(days=3)
    engine = make_engine(publishing_db.app_url)
    try:
        async with uow_for(make_sessions(engine), agency.agency.id) as uow:
            made = await schedule_publication(
                uow,
                brand_id=uuid.UUID(brand),
                post_id=uuid.UUID(post["id"]),
                variant_id=uuid.uuid4(),
                channel_id=uuid.UUID(channel),
                network="sandbox",
                content=PublicationContent(text="Spring is here."),
                timing=Timing.CUSTOM,
                at=later,
                by="tests",
            )
            await uow.commit()
    finally:
        await engine.dispose()
    publication = str(made.id)

    shown = (await gql_services(READ, {"id": post["id"]}, token=token))["data"]["post"]["publications"]
    assert shown == [
        {
            "id": publication,
            "state": "SCHEDULED",
            "timing": "CUSTOM",
            "attempts": [],
            "history": [{"state": "scheduled"}],
        }
    ]
    no_time = (await gql_services(PUBLICATION, {"id": publication, "timing": "CUSTOM"}, token=token))["data"]["move"]
    assert [f["field"] for f in no_time["fields"]] == ["at"]
    no_slot = (await gql_services(PUBLICATION, {"id": publication, "timing": "QUEUE"}, token=token))["data"]["move"]
    assert no_slot["code"] == "no_free_slot"
    slot = {"channel": channel, "brand": brand, "weekday": 9, "time": "09:30:00"}
    bad_slot = (await gql_services(ADD_SLOT, slot, token=token))["data"]["addQueueSlot"]
    assert [f["field"] for f in bad_slot["fields"]] == ["weekday"]
    added = (await gql_services(ADD_SLOT, {**slot, "weekday": 2}, token=token))["data"]["addQueueSlot"]
    assert (added["weekday"], added["time"]) == (2, "09:30:00")
    slots = (await gql_services(SLOTS, {"id": channel}, token=token))["data"]["channel"]["queueSlots"]
    assert slots == [{"id": added["id"], "weekday": 2, "time": "09:30:00"}]
    queued = (await gql_services(PUBLICATION, {"id": publication, "timing": "QUEUE"}, token=token))["data"]["move"]
    assert queued["timing"] == "QUEUE"
    assert datetime.fromisoformat(queued["dueAt"]).weekday() == 2
    removal = {"channel": channel, "slot": added["id"]}
    removed = (await gql_services(REMOVE_SLOT, removal, token=token))["data"]["removeQueueSlot"]
    assert removed == {"__typename": "QueueSlotRemoved", "id": added["id"]}
    assert (await gql_services(REMOVE_SLOT, removal, token=token))["data"]["removeQueueSlot"]["__typename"] == (
        "NotFound"
    )
    sooner = later - timedelta(days=1)
    moved = await gql_services(
        PUBLICATION, {"id": publication, "timing": "CUSTOM", "at": sooner.isoformat()}, token=token
    )
    assert datetime.fromisoformat(moved["data"]["move"]["dueAt"]) == sooner

    analyst = await new_member(token, "analyst")
    refused = (await gql_services(PUBLICATION_ACTIONS, {"id": publication}, token=analyst))["data"]
    assert refused["cancel"]["__typename"] == "NotAllowed"
    acted = (await gql_services(PUBLICATION_ACTIONS, {"id": publication}, token=token))["data"]
    assert acted["retry"]["code"] == "publication_not_retryable"
    assert acted["now"]["timing"] == "NOW"
    assert acted["cancel"]["state"] == "CANCELLED"
    assert acted["again"]["__typename"] == "Conflict"
    stranger = (await new_agency()).api_key_plaintext
    assert (await gql_services(PUBLICATION_ACTIONS, {"id": publication}, token=stranger))["data"]["cancel"][
        "__typename"
    ] == "NotFound"


AGENCY_FREEZE = f"""
mutation($reason: String!) {{
  freezeAgencyPublishing(reason: $reason) {{ __typename ... on AgencyFreeze {{ brandIds }} {PROBLEM} }}
}}
"""
AGENCY_RESUME = f"mutation {{ resumeAgencyPublishing {{ __typename ... on AgencyFreeze {{ brandIds }} {PROBLEM} }} }}"


async def test_the_whole_agency_is_frozen_by_a_cm_and_resumed_by_a_strategist(
    gql_services: GraphQL, new_agency: NewAgency, new_brand: Maker, new_member: Maker
) -> None:
    agency = await new_agency()
    token = agency.api_key_plaintext
    brands = {await new_brand(token, agency.agency.id) for _ in range(2)}
    cm = await new_member(token, "community_manager")
    blank = (await gql_services(AGENCY_FREEZE, {"reason": ""}, token=cm))["data"]["freezeAgencyPublishing"]
    assert [f["field"] for f in blank["fields"]] == ["reason"]
    frozen = (await gql_services(AGENCY_FREEZE, {"reason": "Statement pending"}, token=cm))["data"]
    assert set(frozen["freezeAgencyPublishing"]["brandIds"]) == brands
    assert (await gql_services(AGENCY_RESUME, token=cm))["data"]["resumeAgencyPublishing"]["__typename"] == (
        "NotAllowed"
    )
    resumed = (await gql_services(AGENCY_RESUME, token=token))["data"]["resumeAgencyPublishing"]
    assert set(resumed["brandIds"]) == brands
