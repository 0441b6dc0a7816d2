"""Reading and writing one kind of strategy item through planning's REST, failures turned into typed problems.

Field paths of planning's errors are snake_case REST paths; problems.field_problems camelCases them.
"""

from __future__ import annotations

import uuid
from typing import Any, Protocol, TypeVar

from chorus_gateway.clients.service_client import ServiceUnavailable
from chorus_gateway.graphql.brand_strategy.bodies import create_body, request_body
from chorus_gateway.graphql.brand_strategy.kinds import StrategyKind
from chorus_gateway.graphql.connection import Connection
from chorus_gateway.graphql.info import GatewayInfo
from chorus_gateway.graphql.planning_calendar.paging import HasId, connection, page_params, parse_id
from chorus_gateway.graphql.problems import CommonProblem, problem_from
from chorus_shared.errors import ChorusError

RestT = TypeVar("RestT", bound=HasId)
NodeT = TypeVar("NodeT")


def item_path(kind: StrategyKind[Any, Any], brand_id: str, item_id: str | None = None) -> str:
    path = f"/brands/{parse_id(brand_id, 'brandId')}/{kind.path}"
    return path if item_id is None else f"{path}/{parse_id(item_id, 'id')}"


async def item_page(
    info: GatewayInfo, kind: StrategyKind[RestT, NodeT], brand_id: str, first: int | None, after: str | None
) -> Connection[NodeT]:
    params = page_params(kind.cursor, first, after)
    page = await info.context.service("planning").get(item_path(kind, brand_id), kind.page, params=params)
    return connection(kind.cursor, page.items, page.next_after, after, kind.node)


class CreateInput(Protocol):
    @property
    def brand_id(self) -> str: ...


class UpdateInput(CreateInput, Protocol):
    @property
    def id(self) -> str: ...


async def create_item(info: GatewayInfo, kind: StrategyKind[RestT, NodeT], given: CreateInput) -> NodeT | CommonProblem:
    try:
        path, body = item_path(kind, given.brand_id), create_body(given)
        created = await info.context.service("planning").post(path, kind.rest, json=body)
    except ChorusError as error:
        return strategy_problem(error)
    return kind.node(created)


async def update_item(info: GatewayInfo, kind: StrategyKind[RestT, NodeT], given: UpdateInput) -> NodeT | CommonProblem:
    try:
        path, body = item_path(kind, given.brand_id, given.id), request_body(given)
        updated = await info.context.service("planning").patch(path, kind.rest, json=body)
    except ChorusError as error:
        return strategy_problem(error)
    return kind.node(updated)


async def delete_item(
    info: GatewayInfo, kind: StrategyKind[Any, Any], brand_id: str, item_id: str
) -> uuid.UUID | CommonProblem:
    try:
        path = item_path(kind, brand_id, item_id)
        await info.context.service("planning").delete(path)
    except ChorusError as error:
        return strategy_problem(error)
    return uuid.UUID(item_id)


def strategy_problem(error: ChorusError) -> CommonProblem:
    """The caller's problem as an answer; an unreachable service stays an error (logged, masked)."""
    if isinstance(error, ServiceUnavailable):
        raise error
    return problem_from(error)
