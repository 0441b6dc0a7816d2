"""Connecting a channel through OAuth 2 with PKCE: start, the network's consent, callback; every refusal of state."""

from __future__ import annotations

import uuid
from urllib.parse import parse_qs, urlsplit

import httpx

from chorus_publishing.testing.channel_kit import CLIENT_ID, REDIRECT, FakeOAuth, known_brand, outbox_events, owner_sql
from chorus_shared.auth import Role
from chorus_shared.testing.http import auth_headers, principal
from chorus_shared.testing.postgres import MigratedDatabase

AGENCY = uuid.uuid4()
SMM = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER, subject="user-smm"))
OTHER_SMM = auth_headers(principal(AGENCY, Role.SOCIAL_MEDIA_MANAGER, subject="user-smm-2"))
CM = auth_headers(principal(AGENCY, Role.COMMUNITY_MANAGER, subject="user-cm"))


async def _start(client: httpx.AsyncClient, brand: uuid.UUID, headers: dict[str, str] = SMM) -> str:
    started = await client.post(f"/brands/{brand}/channels/oauth/start", json={"network": "x"}, headers=headers)
    assert started.status_code == 200, started.text
    return str(started.json()["authorization_url"])


async def test_an_smm_connects_x_through_pkce_and_the_token_is_stored_sealed(
    client: httpx.AsyncClient, fake_oauth: tuple[FakeOAuth, str], publishing_db: MigratedDatabase
) -> None:
    fake, _ = fake_oauth
    brand = await known_brand(publishing_db, AGENCY)
    url = await _start(client, brand)
    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert url.startswith("https://x.example/i/oauth2/authorize?")
    assert (query["response_type"], query["client_id"], query["redirect_uri"]) == ("code", CLIENT_ID, REDIRECT)
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43
    assert "offline.access" in query["scope"].split()

    state, code = fake.consent(url)
    connected = await client.post("/channels/oauth/callback", json={"state": state, "code": code}, headers=SMM)
    assert connected.status_code == 200, connected.text
    channel = connected.json()
    assert (channel["network"], channel["account_id"], channel["display_name"], channel["status"]) == (
        "x",
        "4242",
        "kettleco",
        "connected",
    )
    assert channel["token_expires_at"] is not None
    assert channel["refresh_due_at"] < channel["token_expires_at"]
    [access] = fake.access_tokens
    [refresh] = fake.refresh_tokens
    assert fake.token_calls[0]["code_verifier"]  # the verifier went to the token endpoint, the challenge matched
    assert access not in connected.text
    assert refresh not in connected.text

    stored = await owner_sql(
        publishing_db,
        "SELECT access_token_ciphertext, refresh_token_ciphertext FROM channels WHERE id = :id",
        id=channel["id"],
        tenant=AGENCY,
    )
    assert stored[0].access_token_ciphertext.startswith("key-a:")
    assert access not in stored[0].access_token_ciphertext
    assert refresh not in stored[0].refresh_token_ciphertext
    events = await outbox_events(publishing_db, channel["id"])
    assert [e["type"] for e in events] == ["chorus.publishing.channel.connected.v1"]
    assert events[0]["data"]["connected_by"] == "user-smm"
    assert access not in str(events)

    listed = await client.get(f"/brands/{brand}/channels", headers=CM)
    assert [c["id"] for c in listed.json()["items"]] == [channel["id"]]
    assert access not in listed.text


async def test_a_state_is_good_once_for_its_starter_and_until_it_expires(
    client: httpx.AsyncClient, fake_oauth: tuple[FakeOAuth, str], publishing_db: MigratedDatabase
) -> None:
    fake, _ = fake_oauth
    brand = await known_brand(publishing_db, AGENCY)

    async def refused(state: str, code: str, headers: dict[str, str] = SMM) -> str:
        answer = await client.post("/channels/oauth/callback", json={"state": state, "code": code}, headers=headers)
        assert answer.status_code == 422, answer.text
        assert answer.json()["error"]["code"] == "connect_state_refused"
        return str(answer.json()["error"]["fields"][0]["code"])

    assert await refused("never-issued", "code") == "unknown"
    state, code = fake.consent(await _start(client, brand))
    assert await refused(state, code, OTHER_SMM) == "other_user"
    stranger = auth_headers(principal(uuid.uuid4(), Role.OWNER, subject="user-smm"))
    assert await refused(state, code, stranger) == "unknown"  # another agency cannot even see the state

    assert (await client.post("/channels/oauth/callback", json={"state": state, "code": code}, headers=SMM)).is_success
    assert await refused(state, code) == "used"

    late_state, late_code = fake.consent(await _start(client, brand))
    await owner_sql(
        publishing_db,
        "UPDATE channel_connect_attempts SET expires_at = now() - interval '1 second' WHERE used_at IS NULL",
        tenant=AGENCY,
    )
    assert await refused(late_state, late_code) == "expired"


async def test_a_refused_code_stores_nothing_and_names_the_code_field(
    client: httpx.AsyncClient, fake_oauth: tuple[FakeOAuth, str], publishing_db: MigratedDatabase
) -> None:
    fake, _ = fake_oauth
    brand = await known_brand(publishing_db, AGENCY)
    state, _ = fake.consent(await _start(client, brand))
    answer = await client.post("/channels/oauth/callback", json={"state": state, "code": "forged"}, headers=SMM)
    assert answer.status_code == 422
    assert answer.json()["error"]["fields"][0] == {
        "field": "code",
        "message": "The network refused the authorization code (invalid_grant); connect again.",
        "code": "refused",
    }
    assert (await client.get(f"/brands/{brand}/channels", headers=SMM)).json()["items"] == []

    fake.answer_next.append((503, {"error": "temporarily_unavailable"}))
    state, code = fake.consent(await _start(client, brand))
    down = await client.post("/channels/oauth/callback", json={"state": state, "code": code}, headers=SMM)
    assert (down.status_code, down.json()["error"]["code"]) == (502, "network_unavailable")


async def test_connecting_is_for_social_media_managers_and_up_and_input_is_checked(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY)
    path = f"/brands/{brand}/channels/oauth/start"
    assert (await client.post(path, json={"network": "x"}, headers=CM)).status_code == 403
    analyst = auth_headers(principal(AGENCY, Role.ANALYST))
    assert (await client.post(path, json={"network": "x"}, headers=analyst)).status_code == 403
    assert (await client.get(f"/brands/{brand}/channels", headers=CM)).status_code == 200

    wrong = await client.post(path, json={"network": "mastodon"}, headers=SMM)
    assert (wrong.status_code, wrong.json()["error"]["fields"][0]["field"]) == (422, "network")
    missing = await client.post(path, json={}, headers=SMM)
    assert (missing.status_code, missing.json()["error"]["fields"][0]["field"]) == (422, "network")
    unknown = await client.post(f"/brands/{uuid.uuid4()}/channels/oauth/start", json={"network": "x"}, headers=SMM)
    assert unknown.json()["error"]["code"] == "brand_not_known"
    empty = await client.post("/channels/oauth/callback", json={"state": "s", "code": ""}, headers=SMM)
    assert (empty.status_code, empty.json()["error"]["fields"][0]["field"]) == (422, "code")
    attempts = await owner_sql(publishing_db, "SELECT count(*) AS n FROM channel_connect_attempts", tenant=AGENCY)
    before = attempts[0].n
    assert (await client.post(path, json={"network": "nope"}, headers=SMM)).status_code == 422
    after = await owner_sql(publishing_db, "SELECT count(*) AS n FROM channel_connect_attempts", tenant=AGENCY)
    assert after[0].n == before
