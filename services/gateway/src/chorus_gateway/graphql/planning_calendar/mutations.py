"""Content item mutations: plan, replan, move through production, hand over. Failures come back as union members."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry

from chorus_gateway.graphql.info import GatewayInfo, documented_mutation
from chorus_gateway.graphql.planning_calendar.enums import ContentFormat, ContentStatus, Network
from chorus_gateway.graphql.planning_calendar.paging import parse_id
from chorus_gateway.graphql.planning_calendar.rest import PlanningContentItem
from chorus_gateway.graphql.planning_calendar.types import ContentItem
from chorus_gateway.graphql.problems import ConflictProblem, NotAllowed, NotFoundProblem, ValidationErrors, problem_from
from chorus_shared.errors import ChorusError

ContentItemResult = Annotated[
    ContentItem | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("ContentItemResult"),
]

_LOCAL = "Wall-clock time in the brand's timezone, without offset; a time skipped by a DST change is refused."


@strawberry.input
class CreateContentItemInput:
    brand_id: strawberry.ID
    title: str
    brief: str = ""
    objective_id: strawberry.ID | None = None
    campaign_id: strawberry.ID | None = None
    assignee_id: strawberry.ID | None = None
    channels: list[Network] = strawberry.field(default_factory=list)
    format: ContentFormat = ContentFormat.TEXT
    planned_local: datetime | None = strawberry.field(default=None, description=_LOCAL)


@strawberry.input(
    description="Fields left out are unchanged; objective, campaign, assignee and time sent as null clear."
)
class UpdateContentItemInput:
    brand_id: strawberry.ID
    id: strawberry.ID
    title: str | None = strawberry.UNSET
    brief: str | None = strawberry.UNSET
    objective_id: strawberry.ID | None = strawberry.UNSET
    campaign_id: strawberry.ID | None = strawberry.UNSET
    assignee_id: strawberry.ID | None = strawberry.UNSET
    channels: list[Network] | None = strawberry.UNSET
    format: ContentFormat | None = strawberry.UNSET
    planned_local: datetime | None = strawberry.field(default=strawberry.UNSET, description=_LOCAL)


def _json(value: Any) -> Any:
    if isinstance(value, list):
        return [_json(v) for v in value]
    if isinstance(value, Network | ContentFormat | ContentStatus):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _body(given: object, skip: frozenset[str] = frozenset({"brand_id", "id"})) -> dict[str, Any]:
    return {k: _json(v) for k, v in vars(given).items() if k not in skip and v is not strawberry.UNSET}


def _item_path(brand_id: strawberry.ID, item_id: strawberry.ID | None = None) -> str:
    path = f"/brands/{parse_id(brand_id, 'brandId')}/content-items"
    return path if item_id is None else f"{path}/{parse_id(item_id, 'id')}"


@strawberry.type
class PlanningCalendarMutation:
    @strawberry.mutation
    async def create_content_item(self, info: GatewayInfo, input: CreateContentItemInput) -> ContentItemResult:
        try:
            path = _item_path(input.brand_id)
            created = await info.context.service("planning").post(path, PlanningContentItem, json=_body(input))
        except ChorusError as error:
            return problem_from(error)
        return ContentItem.of(created)

    @strawberry.mutation
    async def update_content_item(self, info: GatewayInfo, input: UpdateContentItemInput) -> ContentItemResult:
        try:
            path = _item_path(input.brand_id, input.id)
            updated = await info.context.service("planning").patch(path, PlanningContentItem, json=_body(input))
        except ChorusError as error:
            return problem_from(error)
        return ContentItem.of(updated)

    @documented_mutation("Move an item through production; hand-over and publication have their own way.")
    async def move_content_item(
        self, info: GatewayInfo, brand_id: strawberry.ID, id: strawberry.ID, status: ContentStatus
    ) -> ContentItemResult:
        try:
            path = f"{_item_path(brand_id, id)}/status"
            moved = await info.context.service("planning").post(
                path, PlanningContentItem, json={"status": status.value}
            )
        except ChorusError as error:
            return problem_from(error)
        return ContentItem.of(moved)

    @documented_mutation("Give a ready item to publishing, which makes a draft post linked to it.")
    async def hand_over_content_item(
        self, info: GatewayInfo, brand_id: strawberry.ID, id: strawberry.ID
    ) -> ContentItemResult:
        try:
            path = f"{_item_path(brand_id, id)}/hand-over"
            handed = await info.context.service("planning").post(path, PlanningContentItem)
        except ChorusError as error:
            return problem_from(error)
        return ContentItem.of(handed)
