"""The calendar view in the brand's timezone across Europe/Paris DST changes (29 March and 25 October 2026)."""

from __future__ import annotations

import uuid

import httpx

from chorus_shared.auth import Role
from chorus_shared.testing.http import auth_headers, principal


class Agency:
    """One agency's callers: owner, social media manager, two community managers, an analyst."""

    def __init__(self) -> None:
        self.id = uuid.uuid4()
        self.cm_id = uuid.uuid4()
        self.other_cm_id = uuid.uuid4()
        self.owner = auth_headers(principal(self.id, Role.OWNER))
        self.smm = auth_headers(principal(self.id, Role.SOCIAL_MEDIA_MANAGER, subject=str(uuid.uuid4())))
        self.cm = auth_headers(principal(self.id, Role.COMMUNITY_MANAGER, subject=str(self.cm_id)))
        self.other_cm = auth_headers(principal(self.id, Role.COMMUNITY_MANAGER, subject=str(self.other_cm_id)))
        self.analyst = auth_headers(principal(self.id, Role.ANALYST))

    def client_of(self, *brand_ids: str) -> dict[str, str]:
        return auth_headers(principal(self.id, Role.CLIENT, brands=[uuid.UUID(b) for b in brand_ids]))


async def new_brand(client: httpx.AsyncClient, agency: Agency, timezone: str = "Europe/Paris") -> str:
    body = {"name": f"Brand {uuid.uuid4().hex[:6]}", "timezone": timezone, "languages": ["fr"]}
    response = await client.post("/brands", json=body, headers=agency.owner)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


AGENCY = Agency()


async def _plan(client: httpx.AsyncClient, brand: str, title: str, local: str) -> None:
    body = {"title": title, "channels": ["bluesky"], "planned_local": local}
    response = await client.post(f"/brands/{brand}/content-items", json=body, headers=AGENCY.smm)
    assert response.status_code == 201, response.text


def _by_day(calendar: dict[str, object]) -> dict[str, list[str]]:
    days = calendar["days"]
    assert isinstance(days, list)
    return {day["date"]: [item["title"] for item in day["items"]] for day in days}


async def test_the_spring_forward_week_has_seven_days_with_items_on_their_local_dates(
    client: httpx.AsyncClient,
) -> None:
    brand = await new_brand(client, AGENCY)
    await _plan(client, brand, "Saturday night", "2026-03-28T23:30:00")
    await _plan(client, brand, "Before the change", "2026-03-29T01:30:00")
    await _plan(client, brand, "Right after", "2026-03-29T03:00:00")
    await _plan(client, brand, "Sunday late", "2026-03-29T23:30:00")  # 21:30 UTC
    await _plan(client, brand, "Next Monday", "2026-03-30T00:30:00")  # 22:30 UTC on Sunday
    response = await client.get(f"/brands/{brand}/calendar?view=week&date=2026-03-25", headers=AGENCY.analyst)
    assert response.status_code == 200, response.text
    calendar = response.json()
    assert (calendar["start"], calendar["end"], calendar["timezone"]) == ("2026-03-23", "2026-03-29", "Europe/Paris")
    days = _by_day(calendar)
    assert list(days) == [f"2026-03-{n}" for n in range(23, 30)]
    assert days["2026-03-28"] == ["Saturday night"]
    assert days["2026-03-29"] == ["Before the change", "Right after", "Sunday late"]
    sunday = calendar["days"][-1]["items"]
    assert [i["planned_local"] for i in sunday] == [
        "2026-03-29T01:30:00+01:00",
        "2026-03-29T03:00:00+02:00",
        "2026-03-29T23:30:00+02:00",
    ]


async def test_the_fall_back_week_keeps_the_repeated_hour_and_the_last_evening_on_sunday(
    client: httpx.AsyncClient,
) -> None:
    brand = await new_brand(client, AGENCY)
    await _plan(client, brand, "In the repeated hour", "2026-10-25T02:30:00")  # first occurrence: 00:30 UTC
    await _plan(client, brand, "Sunday late", "2026-10-25T23:30:00")  # 22:30 UTC
    await _plan(client, brand, "Next Monday", "2026-10-26T00:15:00")  # 23:15 UTC on Sunday
    calendar = (await client.get(f"/brands/{brand}/calendar?view=week&date=2026-10-25", headers=AGENCY.smm)).json()
    days = _by_day(calendar)
    assert len(days) == 7
    assert days["2026-10-25"] == ["In the repeated hour", "Sunday late"]
    assert calendar["days"][-1]["items"][0]["planned_at"] == "2026-10-25T00:30:00Z"
    following = (await client.get(f"/brands/{brand}/calendar?view=week&date=2026-10-26", headers=AGENCY.smm)).json()
    assert _by_day(following)["2026-10-26"] == ["Next Monday"]


async def test_the_month_view_shows_every_day_of_the_month(client: httpx.AsyncClient) -> None:
    brand = await new_brand(client, AGENCY)
    await _plan(client, brand, "Last day of March", "2026-03-31T23:59:00")
    await _plan(client, brand, "First of April", "2026-04-01T00:00:00")
    calendar = (await client.get(f"/brands/{brand}/calendar?view=month&date=2026-03-10", headers=AGENCY.smm)).json()
    days = _by_day(calendar)
    assert (len(days), calendar["start"], calendar["end"]) == (31, "2026-03-01", "2026-03-31")
    assert days["2026-03-31"] == ["Last day of March"]
    assert "First of April" not in sum(days.values(), [])


async def test_a_client_sees_only_their_brands_calendar(client: httpx.AsyncClient) -> None:
    theirs, other = await new_brand(client, AGENCY), await new_brand(client, AGENCY)
    await _plan(client, theirs, "Launch", "2026-05-04T10:00:00")
    customer = AGENCY.client_of(theirs)
    seen = await client.get(f"/brands/{theirs}/calendar?view=week&date=2026-05-04", headers=customer)
    assert _by_day(seen.json())["2026-05-04"] == ["Launch"]
    hidden = await client.get(f"/brands/{other}/calendar?view=week&date=2026-05-04", headers=customer)
    assert (hidden.status_code, hidden.json()["error"]["code"]) == (404, "brand_not_found")
    outsider = Agency()
    stranger = await client.get(f"/brands/{theirs}/calendar?view=week&date=2026-05-04", headers=outsider.owner)
    assert stranger.status_code == 404


async def test_a_bad_view_or_date_is_a_field_error(client: httpx.AsyncClient) -> None:
    brand = await new_brand(client, AGENCY)
    response = await client.get(f"/brands/{brand}/calendar?view=year&date=2026-02-30", headers=AGENCY.smm)
    assert response.status_code == 422
    assert {f["field"] for f in response.json()["error"]["fields"]} == {"view", "date"}
