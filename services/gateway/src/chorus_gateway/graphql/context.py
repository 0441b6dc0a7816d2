"""What every resolver gets in `info.context`: the caller, the request's database, loaders and service clients."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import httpx
from strawberry.fastapi import BaseContext

from chorus_gateway.clients.service_client import ServiceClient, ServiceUnavailable
from chorus_gateway.graphql.database import RequestDatabase
from chorus_gateway.graphql.loaders import Loaders, make_loaders
from chorus_gateway.settings import GatewaySettings
from chorus_shared.auth.principal import Principal
from chorus_shared.errors import Unauthenticated

if TYPE_CHECKING:
    from chorus_gateway.graphql.publishing.event_hub import PostEventHub


class GatewayContext(BaseContext):
    def __init__(
        self,
        *,
        settings: GatewaySettings,
        database: RequestDatabase,
        principal: Principal | None,
        http: httpx.AsyncClient,
        post_events: PostEventHub | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.database = database
        self.principal = principal
        self.loaders: Loaders = make_loaders(database)
        # Loaders of areas that read other services, created on first use by the area (per request, never shared).
        self.area_loaders: dict[str, object] = {}
        self._http = http
        self._post_events = post_events
        # A websocket's connection_init payload; strawberry sets it (the caller's credentials for subscriptions).
        self.connection_params: dict[str, Any] | None = None

    def post_events(self) -> PostEventHub:
        """The process's hub of post state changes, for subscriptions."""
        if self._post_events is None:
            raise ServiceUnavailable("Live post changes are not available on this connection.")
        return self._post_events

    def require_principal(self) -> Principal:
        if self.principal is None:
            raise Unauthenticated("Authentication required: send 'Authorization: Bearer <API key or session token>'.")
        return self.principal

    def service(self, name: str) -> ServiceClient:
        """A client for `name` (planning, publishing, listening, reporting) acting as the authenticated caller."""
        return ServiceClient(
            service=name,
            base_url=self.settings.service_url(name),
            http=self._http,
            principal=self.require_principal(),
            secret=self.settings.internal_token_secret.get_secret_value(),
            ttl=timedelta(seconds=self.settings.internal_token_seconds),
        )
