"""Crisis queries: a brand's playbooks and incidents (Relay over planning's keyset pages), or one by id."""

from __future__ import annotations

import strawberry

from chorus_gateway.graphql.connection import Connection
from chorus_gateway.graphql.crisis.rest import (
    PlanningIncident,
    PlanningIncidentPage,
    PlanningPlaybook,
    PlanningPlaybookPage,
)
from chorus_gateway.graphql.crisis.types import CrisisIncident, CrisisPlaybook
from chorus_gateway.graphql.info import GatewayInfo, documented_field
from chorus_gateway.graphql.planning_calendar.paging import connection, page_params, parse_id
from chorus_shared.errors import NotFound


@strawberry.type
class CrisisQuery:
    @documented_field("Null when the playbook does not exist or is outside your scope.")
    async def crisis_playbook(self, info: GatewayInfo, id: strawberry.ID) -> CrisisPlaybook | None:
        path = f"/crisis-playbooks/{parse_id(id, 'id')}"
        try:
            return CrisisPlaybook.of(await info.context.service("planning").get(path, PlanningPlaybook))
        except NotFound:
            return None

    @documented_field("The brand's playbooks; archived ones only when asked.")
    async def crisis_playbooks(
        self,
        info: GatewayInfo,
        brand_id: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
        include_archived: bool = False,
    ) -> Connection[CrisisPlaybook]:
        params = page_params("crisis_playbook", first, after, include_archived=include_archived)
        path = f"/brands/{parse_id(brand_id, 'brandId')}/crisis-playbooks"
        page = await info.context.service("planning").get(path, PlanningPlaybookPage, params=params)
        return connection("crisis_playbook", page.items, page.next_after, after, CrisisPlaybook.of)

    @documented_field("Null when the incident does not exist or is outside your scope.")
    async def crisis_incident(self, info: GatewayInfo, id: strawberry.ID) -> CrisisIncident | None:
        path = f"/crisis-incidents/{parse_id(id, 'id')}"
        try:
            return CrisisIncident.of(await info.context.service("planning").get(path, PlanningIncident))
        except NotFound:
            return None

    @documented_field("The brand's incidents; only those still open when openOnly is true.")
    async def crisis_incidents(
        self,
        info: GatewayInfo,
        brand_id: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
        open_only: bool = False,
    ) -> Connection[CrisisIncident]:
        params = page_params("crisis_incident", first, after, open_only=open_only)
        path = f"/brands/{parse_id(brand_id, 'brandId')}/crisis-incidents"
        page = await info.context.service("planning").get(path, PlanningIncidentPage, params=params)
        return connection("crisis_incident", page.items, page.next_after, after, CrisisIncident.of)
