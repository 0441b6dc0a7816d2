"""The Facebook pages a signed-in user manages (Graph `me/accounts`), each with its page token and Instagram account."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from chorus_publishing.adapters.oauth.token_endpoint import TIMEOUT, OAuthRefused, OAuthUnavailable

FIELDS = "id,name,access_token,instagram_business_account{id,username}"
MAX_PAGES_OF_RESULTS = 10  # 25 pages each: far more than one person manages for one brand


@dataclass(frozen=True)
class ManagedPage:
    page_id: str
    name: str
    access_token: str = field(repr=False)
    instagram_id: str | None = None
    instagram_username: str | None = None


async def fetch_managed_pages(http: httpx.AsyncClient, accounts_url: str, user_token: str) -> list[ManagedPage]:
    pages: list[ManagedPage] = []
    url: str | None = accounts_url
    params: dict[str, str] | None = {"fields": FIELDS}
    for _ in range(MAX_PAGES_OF_RESULTS):
        if url is None:
            break
        answer = await _get(http, url, params, user_token)
        items = answer.get("data")
        for item in items if isinstance(items, list) else []:
            page = _page(item)
            if page is not None:
                pages.append(page)
        paging = answer.get("paging")
        url, params = (paging.get("next") if isinstance(paging, dict) else None), None  # `next` carries the query
    return pages


async def _get(http: httpx.AsyncClient, url: str, params: dict[str, str] | None, token: str) -> dict[str, object]:
    try:
        response = await http.get(url, params=params, headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT)
    except httpx.TransportError as exc:
        raise OAuthUnavailable(f"pages lookup unreachable ({type(exc).__name__})") from None
    if response.status_code in (401, 403) or (response.status_code == 400 and "OAuthException" in response.text):
        raise OAuthRefused("the token was refused by the pages lookup")
    if not response.is_success:
        raise OAuthUnavailable(f"pages lookup answered {response.status_code}")
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise OAuthUnavailable("pages lookup answer is not a JSON object")
    return answer


def _page(item: object) -> ManagedPage | None:
    if not isinstance(item, dict) or not item.get("id") or not item.get("access_token"):
        return None  # a page without a token (too few permissions on it) cannot publish
    instagram = item.get("instagram_business_account")
    instagram = instagram if isinstance(instagram, dict) and instagram.get("id") else {}
    return ManagedPage(
        page_id=str(item["id"]),
        name=str(item.get("name") or item["id"]),
        access_token=str(item["access_token"]),
        instagram_id=str(instagram["id"]) if instagram else None,
        instagram_username=str(instagram.get("username") or "") or None if instagram else None,
    )
