"""Crisis incident mutations: open, tick steps, use statements, note, escalate, close. Failures are union members."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from chorus_gateway.graphql.crisis.enums import CrisisSeverity
from chorus_gateway.graphql.crisis.rest import PlanningIncident
from chorus_gateway.graphql.crisis.types import CrisisIncident
from chorus_gateway.graphql.info import GatewayInfo, documented_mutation
from chorus_gateway.graphql.planning_calendar.paging import parse_id
from chorus_gateway.graphql.problems import ConflictProblem, NotAllowed, NotFoundProblem, ValidationErrors, problem_from
from chorus_shared.errors import ChorusError

CrisisIncidentResult = Annotated[
    CrisisIncident | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("CrisisIncidentResult"),
]


@strawberry.input
class PostMortemInput:
    summary: str
    went_well: str
    to_improve: str


async def _act(info: GatewayInfo, incident_id: strawberry.ID, action: str, body: Any = None) -> CrisisIncidentResult:
    try:
        path = f"/crisis-incidents/{parse_id(incident_id, 'id')}/{action}"
        done = await info.context.service("planning").post(path, PlanningIncident, json=body)
    except ChorusError as error:
        return problem_from(error)
    return CrisisIncident.of(done)


@strawberry.type
class CrisisIncidentMutation:
    @documented_mutation("Open an incident; without playbookId the brand's best fitting playbook is used.")
    async def open_crisis_incident(
        self,
        info: GatewayInfo,
        brand_id: strawberry.ID,
        severity: CrisisSeverity,
        reason: str,
        playbook_id: strawberry.ID | None = None,
    ) -> CrisisIncidentResult:
        try:
            path = f"/brands/{parse_id(brand_id, 'brandId')}/crisis-incidents"
            playbook = None if playbook_id is None else str(parse_id(playbook_id, "playbookId"))
            body = {"severity": severity.value, "reason": reason, "playbook_id": playbook}
            opened = await info.context.service("planning").post(path, PlanningIncident, json=body)
        except ChorusError as error:
            return problem_from(error)
        return CrisisIncident.of(opened)

    @documented_mutation("Tick the checklist item whose `position` is given (as in `checklist { position }`, from 1).")
    async def complete_crisis_step(self, info: GatewayInfo, id: strawberry.ID, position: int) -> CrisisIncidentResult:
        return await _act(info, id, f"steps/{position}/complete")

    @documented_mutation("Record that a holding statement of the incident was used.")
    async def use_holding_statement(
        self, info: GatewayInfo, id: strawberry.ID, title: str, language: str
    ) -> CrisisIncidentResult:
        return await _act(info, id, "statements-used", {"title": title, "language": language})

    @strawberry.mutation
    async def add_crisis_note(self, info: GatewayInfo, id: strawberry.ID, text: str) -> CrisisIncidentResult:
        return await _act(info, id, "notes", {"text": text})

    @documented_mutation("Escalate, optionally raising the severity.")
    async def escalate_crisis_incident(
        self, info: GatewayInfo, id: strawberry.ID, reason: str, severity: CrisisSeverity | None = None
    ) -> CrisisIncidentResult:
        body = {"reason": reason, "severity": None if severity is None else severity.value}
        return await _act(info, id, "escalations", body)

    @documented_mutation("Close the incident, with its post-mortem.")
    async def close_crisis_incident(
        self, info: GatewayInfo, id: strawberry.ID, post_mortem: PostMortemInput | None = None
    ) -> CrisisIncidentResult:
        lessons = None if post_mortem is None else vars(post_mortem)
        return await _act(info, id, "close", {"post_mortem": lessons})
