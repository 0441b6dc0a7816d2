"""Who a new token belongs to: the network's "me" endpoint, read with the paths its settings give."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from chorus_publishing.adapters.oauth.config import OAuthClient
from chorus_publishing.adapters.oauth.token_endpoint import TIMEOUT, OAuthRefused, OAuthUnavailable


@dataclass(frozen=True)
class AccountIdentity:
    account_id: str
    display_name: str


async def fetch_identity(http: httpx.AsyncClient, client: OAuthClient, network: str, token: str) -> AccountIdentity:
    try:
        response = await http.get(client.identity_url, headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT)
    except httpx.TransportError as exc:
        raise OAuthUnavailable(f"{network}: account lookup unreachable ({type(exc).__name__})") from None
    if response.status_code in (401, 403):
        raise OAuthRefused(f"{network}: the new token was refused by the account lookup ({response.status_code})")
    if not response.is_success:
        raise OAuthUnavailable(f"{network}: account lookup answered {response.status_code}")
    try:
        answer = response.json()
    except ValueError:
        answer = None
    account = _at(answer, client.identity_id_field)
    if account is None:
        raise OAuthUnavailable(f"{network}: account lookup answer has no {client.identity_id_field}")
    name = _at(answer, client.identity_name_field) or str(account)
    return AccountIdentity(client.account_id_template.format(id=account), str(name))


def _at(document: Any, path: str) -> str | None:
    for part in path.split("."):
        if isinstance(document, dict):
            document = document.get(part)
        elif isinstance(document, list) and part.isdigit() and int(part) < len(document):
            document = document[int(part)]
        else:
            return None
    return str(document) if isinstance(document, str | int) and str(document) else None
