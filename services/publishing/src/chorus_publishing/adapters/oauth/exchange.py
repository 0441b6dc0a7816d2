"""The authorization-code grant with the PKCE verifier (RFC 6749 4.1.3, RFC 7636 4.5)."""

from __future__ import annotations

import httpx

from chorus_publishing.adapters.oauth.config import OAuthClient
from chorus_publishing.adapters.oauth.token_endpoint import TokenGrant, request_grant


async def exchange_code(
    http: httpx.AsyncClient, client: OAuthClient, network: str, *, code: str, verifier: str, redirect_uri: str
) -> TokenGrant:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "code_verifier": verifier,
        "redirect_uri": redirect_uri,
    }
    return await request_grant(http, client, network, form)
