"""Facebook and Instagram keep a long-lived sign-in: the short-lived user token from the code exchange is traded for
a long-lived one before any page is listed, so the page tokens kept do not expire and nobody reconnects every hour.

When Meta will not trade it, the callback fails: a short-lived token kept instead would disconnect within the hour.
"""

from __future__ import annotations

from dataclasses import replace

import httpx

from chorus_publishing.adapters.oauth.config import OAuthClient
from chorus_publishing.adapters.oauth.long_lived import long_lived_user_token
from chorus_publishing.adapters.oauth.token_endpoint import OAuthRefused, OAuthUnavailable, TokenGrant
from chorus_publishing.domain.channel import Network
from chorus_publishing.domain.errors import NetworkUnavailable
from chorus_shared.errors import FieldError, ValidationFailed


async def long_lived_sign_in(
    http: httpx.AsyncClient, client: OAuthClient, network: Network, short_lived: TokenGrant
) -> TokenGrant:
    try:
        long_lived = await long_lived_user_token(http, client, network, short_lived.access_token)
    except OAuthRefused as refused:
        message = f"Meta would not extend the {network} sign-in ({refused.error or 'refused'}); connect again."
        raise ValidationFailed(
            "The sign-in is refused.", field_errors=[FieldError("code", message, "not_extended")]
        ) from None
    except OAuthUnavailable as unavailable:
        raise NetworkUnavailable(str(unavailable)) from None
    # The exchange answers no scopes: the person granted them at the code exchange, and they stay the same.
    return replace(long_lived, scopes=short_lived.scopes)
