"""Identity queries: viewer, agency, members, apiKeys."""

from __future__ import annotations

import strawberry

from chorus_gateway.adapters.api_key_repository import ApiKeyRepository
from chorus_gateway.adapters.identity_repository import IdentityRepository
from chorus_gateway.graphql.connection import Connection, connection_from_rows, page_request
from chorus_gateway.graphql.identity.types import Agency, ApiKey, Member
from chorus_gateway.graphql.identity.viewer import Viewer
from chorus_gateway.graphql.info import GatewayInfo, documented_field
from chorus_shared.auth.roles import Permission, Role, require_permission, require_role
from chorus_shared.errors import NotFound


@strawberry.type
class IdentityQuery:
    @documented_field("The authenticated caller.")
    def viewer(self, info: GatewayInfo) -> Viewer:
        return Viewer.of(info.context.require_principal())

    @documented_field("The caller's agency.")
    async def agency(self, info: GatewayInfo) -> Agency:
        principal = info.context.require_principal()
        async with info.context.database.session() as session:
            row = await IdentityRepository(session).agency(principal.tenant_id)
        if row is None:
            raise NotFound("This agency no longer exists.")
        return Agency.from_row(row)

    @documented_field("The agency's members, oldest first. Clients cannot list the team.")
    async def members(
        self, info: GatewayInfo, first: int | None = None, after: str | None = None
    ) -> Connection[Member]:
        require_role(info.context.require_principal(), Role.ANALYST)
        page = page_request(first, after)
        async with info.context.database.session() as session:
            rows = await IdentityRepository(session).memberships_page(after=page.after, limit=page.limit)
        return connection_from_rows(rows, page, key=lambda row: (row.created_at, row.id), node=Member.from_row)

    @documented_field("The agency's API keys, revoked ones included; secrets are never shown again.")
    async def api_keys(
        self, info: GatewayInfo, first: int | None = None, after: str | None = None
    ) -> Connection[ApiKey]:
        require_permission(info.context.require_principal(), Permission.MANAGE_API_KEYS)
        page = page_request(first, after)
        async with info.context.database.session() as session:
            rows = await ApiKeyRepository(session).page(after=page.after, limit=page.limit)
        return connection_from_rows(rows, page, key=lambda row: (row.created_at, row.id), node=ApiKey.from_row)
