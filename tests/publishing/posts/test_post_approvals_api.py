"""Approvals by the brand's policy from planning: none, internal (agency) or client (only that brand's client)."""

from __future__ import annotations

import uuid

import httpx

from chorus_publishing.testing.post_kit import Agency, connected, deliver, known_brand, new_post, outbox_events, variant
from chorus_shared.messaging.contracts.planning_brand_voice import (
    ApprovalPolicy,
    BrandPoliciesChangedV1,
    LatePostMode,
)
from chorus_shared.testing.postgres import MigratedDatabase

AGENCY = Agency()


async def _submitted(client: httpx.AsyncClient, database: MigratedDatabase, brand: str) -> str:
    post = await new_post(client, AGENCY, brand, variant(channel_id=await connected(database, AGENCY, brand)))
    submitted = await client.post(f"/posts/{post['id']}/submit", headers=AGENCY.cm)
    assert submitted.status_code == 200, submitted.text
    return f"/posts/{post['id']}"


async def test_a_brand_without_approval_has_posts_approved_on_submit(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY, ApprovalPolicy.NONE)
    path = await _submitted(client, publishing_db, brand)
    assert (await client.get(path, headers=AGENCY.cm)).json()["state"] == "approved"


async def test_internal_policy_an_agency_approver_decides_and_a_no_needs_a_reason(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY, ApprovalPolicy.INTERNAL)
    path = await _submitted(client, publishing_db, brand)
    assert (await client.post(f"{path}/approve", headers=AGENCY.cm)).status_code == 403  # no approve permission
    by_client = await client.post(f"{path}/approve", headers=AGENCY.client_of(brand))
    assert (by_client.status_code, by_client.json()["error"]["code"]) == (403, "approval_not_allowed")

    assert (await client.post(f"{path}/reject", json={"reason": ""}, headers=AGENCY.smm)).status_code == 422
    rejected = await client.post(f"{path}/reject", json={"reason": "The price is wrong"}, headers=AGENCY.smm)
    assert rejected.json()["state"] == "rejected"
    history = (await client.get(f"{path}/history", headers=AGENCY.cm)).json()
    assert (history[-1]["to_state"], history[-1]["by"], history[-1]["reason"]) == (
        "rejected",
        "smm",
        "The price is wrong",
    )
    post_id = path.rsplit("/", 1)[1]
    rejection = [d for t, d in await outbox_events(publishing_db, post_id) if t.endswith("post.rejected.v1")]
    assert rejection[0]["reason"] == "The price is wrong"

    # The community manager reworks it: back to draft, submitted again, approved.
    channel = await connected(publishing_db, AGENCY, brand)
    body = {"variants": [variant("mastodon", "Right price", channel_id=channel)]}
    assert (await client.patch(path, json=body, headers=AGENCY.cm)).json()["state"] == "draft"
    await client.post(f"{path}/submit", headers=AGENCY.cm)
    assert (await client.post(f"{path}/approve", headers=AGENCY.smm)).json()["state"] == "approved"


async def test_client_policy_only_the_brands_client_approves(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY, ApprovalPolicy.CLIENT)
    other_brand = await known_brand(publishing_db, AGENCY, ApprovalPolicy.CLIENT)
    path = await _submitted(client, publishing_db, brand)

    by_agency = await client.post(f"{path}/approve", headers=AGENCY.smm)
    assert (by_agency.status_code, by_agency.json()["error"]["code"]) == (403, "approval_not_allowed")
    assert (await client.post(f"{path}/approve", headers=AGENCY.client_of(other_brand))).status_code == 404
    assert (await client.get(path, headers=AGENCY.cm)).json()["state"] == "pending_approval"

    approved = await client.post(f"{path}/approve", headers=AGENCY.client_of(brand))
    assert approved.json()["state"] == "approved"
    history = (await client.get(f"{path}/history", headers=AGENCY.client_of(brand))).json()
    assert history[-1]["by"] == "client-" + brand[:8]

    second = await _submitted(client, publishing_db, brand)
    rejected = await client.post(f"{second}/reject", json={"reason": "Not our tone"}, headers=AGENCY.client_of(brand))
    assert rejected.json()["state"] == "rejected"


async def test_a_policy_change_from_planning_applies_to_the_next_decision_and_older_versions_are_dropped(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY, ApprovalPolicy.INTERNAL)
    brand_id = uuid.UUID(brand)

    def change(policy: ApprovalPolicy, version: int) -> BrandPoliciesChangedV1:
        return BrandPoliciesChangedV1(
            brand_id=brand_id, approval_policy=policy, late_post_mode=LatePostMode.MARK_MISSED, version=version
        )

    await deliver(publishing_db, AGENCY.id, change(ApprovalPolicy.CLIENT, 5), brand)
    await deliver(publishing_db, AGENCY.id, change(ApprovalPolicy.NONE, 4), brand)  # late and older: ignored
    rules = (await client.get(f"/brands/{brand}/post-rules", headers=AGENCY.cm)).json()
    assert rules["approval_policy"] == "client"
    path = await _submitted(client, publishing_db, brand)
    assert (await client.post(f"{path}/approve", headers=AGENCY.smm)).status_code == 403


async def test_comments_make_a_thread_on_the_post(client: httpx.AsyncClient, publishing_db: MigratedDatabase) -> None:
    brand = await known_brand(publishing_db, AGENCY, ApprovalPolicy.CLIENT)
    path = await _submitted(client, publishing_db, brand)
    question = {"text": "Can we add the price?"}
    first = await client.post(f"{path}/comments", json=question, headers=AGENCY.client_of(brand))
    assert first.status_code == 201
    await client.post(f"{path}/comments", json={"text": "Done, see v2."}, headers=AGENCY.cm)
    assert (await client.post(f"{path}/comments", json={"text": "Hi"}, headers=AGENCY.analyst)).status_code == 403
    thread = (await client.get(f"{path}/comments", headers=AGENCY.smm)).json()
    assert [(c["author"], c["text"]) for c in thread] == [
        ("client-" + brand[:8], "Can we add the price?"),
        ("cm", "Done, see v2."),
    ]
    assert (await client.get(f"{path}/comments", headers=Agency().owner)).status_code == 404
    post_id = path.rsplit("/", 1)[1]
    assert [t for t, _ in await outbox_events(publishing_db, post_id)].count("chorus.publishing.post.commented.v1") == 2
