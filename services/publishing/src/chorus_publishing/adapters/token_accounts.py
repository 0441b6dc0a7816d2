"""Checking a token or app password before keeping it: Mastodon's verify_credentials, Bluesky's createSession."""

from __future__ import annotations

import httpx

from chorus_publishing.adapters.networks.bluesky_session import Sessions
from chorus_publishing.adapters.networks.connector import Credentials
from chorus_publishing.adapters.networks.errors import AuthError, NetworkError
from chorus_publishing.adapters.oauth.identity import AccountIdentity
from chorus_publishing.adapters.oauth.token_endpoint import TIMEOUT, OAuthRefused, OAuthUnavailable


async def mastodon_identity(http: httpx.AsyncClient, instance_url: str, access_token: str) -> AccountIdentity:
    url = instance_url.rstrip("/") + "/api/v1/accounts/verify_credentials"
    try:
        response = await http.get(url, headers={"Authorization": f"Bearer {access_token}"}, timeout=TIMEOUT)
    except httpx.TransportError as exc:
        raise OAuthUnavailable(f"mastodon: instance unreachable ({type(exc).__name__})") from None
    if response.status_code in (401, 403):
        raise OAuthRefused(f"mastodon: the instance refused the access token ({response.status_code})")
    if not response.is_success:
        raise OAuthUnavailable(f"mastodon: verify_credentials answered {response.status_code}")
    try:
        account = response.json()
        return AccountIdentity(str(account["id"]), "@" + str(account.get("acct") or account["username"]))
    except (ValueError, KeyError, TypeError):
        raise OAuthUnavailable("mastodon: verify_credentials answer has no account id") from None


async def bluesky_identity(http: httpx.AsyncClient, pds_url: str, handle: str, app_password: str) -> AccountIdentity:
    """createSession through the connector's own session code; the DID is the account's lasting id."""
    credentials = Credentials(access_token=app_password, account_id=handle, instance_url=pds_url)
    try:
        session = await Sessions(http).current(credentials, pds_url.rstrip("/"))
    except AuthError:
        raise OAuthRefused("bluesky: the PDS refused the handle or app password") from None
    except NetworkError as exc:
        raise OAuthUnavailable(f"bluesky: createSession failed ({type(exc).__name__})") from None
    return AccountIdentity(session.did, "@" + (session.handle or handle))
