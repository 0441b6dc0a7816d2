"""Meta's long-lived user token (Facebook Login, also behind Instagram's Graph API).

The code exchange gives a user token that lasts about an hour, and page tokens listed with it die with it. Traded at
the same token endpoint (`GET /oauth/access_token?grant_type=fb_exchange_token`), it lasts about 60 days, and page
tokens listed with the long-lived one do not expire.
"""

from __future__ import annotations

import httpx

from chorus_publishing.adapters.oauth.config import OAuthClient
from chorus_publishing.adapters.oauth.token_endpoint import TIMEOUT, OAuthUnavailable, TokenGrant, grant_from
from chorus_shared.observability.request_log import hide_request_queries

ACCEPT_JSON = {"Accept": "application/json"}


async def long_lived_user_token(
    http: httpx.AsyncClient, client: OAuthClient, network: str, short_lived_token: str
) -> TokenGrant:
    """The long-lived token for `short_lived_token`; Graph answers refusals as 400 with an `OAuthException`."""
    hide_request_queries()  # the documented call is a GET: the app secret and the token travel in its query
    query = {
        "grant_type": "fb_exchange_token",
        "client_id": client.client_id,
        "client_secret": client.client_secret.get_secret_value(),
        "fb_exchange_token": short_lived_token,
    }
    try:
        response = await http.get(client.token_url, params=query, headers=ACCEPT_JSON, timeout=TIMEOUT)
    except httpx.TransportError as exc:
        raise OAuthUnavailable(f"{network}: long-lived token exchange unreachable ({type(exc).__name__})") from None
    return grant_from(network, response)
