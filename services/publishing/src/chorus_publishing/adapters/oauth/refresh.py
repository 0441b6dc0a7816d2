"""The refresh-token grant (RFC 6749 section 6). Some networks rotate the refresh token: keep the one they answer."""

from __future__ import annotations

import httpx

from chorus_publishing.adapters.oauth.config import OAuthClient
from chorus_publishing.adapters.oauth.token_endpoint import TokenGrant, request_grant


async def refresh_grant(http: httpx.AsyncClient, client: OAuthClient, network: str, refresh_token: str) -> TokenGrant:
    grant = await request_grant(http, client, network, {"grant_type": "refresh_token", "refresh_token": refresh_token})
    if grant.refresh_token is None:
        # The network kept the old refresh token valid (LinkedIn, Google style): it is still the one to use.
        return TokenGrant(grant.access_token, refresh_token, grant.expires_in, grant.scopes)
    return grant
