"""FastAPI dependency: a service route takes `principal: CurrentPrincipal` and gets the verified caller."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, FastAPI, Request

from chorus_shared.auth.internal_token import verify_internal_token
from chorus_shared.auth.principal import Principal
from chorus_shared.errors import Unauthenticated
from chorus_shared.settings import ChorusSettings

_STATE_KEY = "internal_token_secret"


def install_internal_auth(app: FastAPI, settings: ChorusSettings) -> None:
    """Tell the dependency which secret verifies tokens (done once in the service's create_app)."""
    setattr(app.state, _STATE_KEY, settings.internal_token_secret.get_secret_value())


def _secret(request: Request) -> str:
    secret = getattr(request.app.state, _STATE_KEY, None)
    if secret is None:
        # A service that forgot install_internal_auth still verifies, with the deployment-wide setting.
        secret = ChorusSettings().internal_token_secret.get_secret_value()
        setattr(request.app.state, _STATE_KEY, secret)
    return str(secret)


def bearer_token(request: Request) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if not header:
        raise Unauthenticated("Missing Authorization header: expected 'Bearer <internal token>'.")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("Malformed Authorization header: expected 'Bearer <internal token>'.")
    return token.strip()


async def principal_from_request(request: Request) -> Principal:
    return verify_internal_token(bearer_token(request), secret=_secret(request))


CurrentPrincipal = Annotated[Principal, Depends(principal_from_request)]
