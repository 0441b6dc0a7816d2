"""The five kinds of strategy items a brand holds: where planning serves each, and which GraphQL type shows it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from chorus_gateway.graphql.brand_strategy.plan_types import ChannelPlan, Partnership
from chorus_gateway.graphql.brand_strategy.research_types import AudienceSegment, Competitor, ResearchFinding
from chorus_gateway.graphql.brand_strategy.rest import (
    PlanningChannelPlan,
    PlanningCompetitor,
    PlanningFinding,
    PlanningItemPage,
    PlanningPartnership,
    PlanningSegment,
)
from chorus_gateway.graphql.planning_calendar.paging import HasId

RestT = TypeVar("RestT", bound=HasId)
NodeT = TypeVar("NodeT")


@dataclass(frozen=True)
class StrategyKind(Generic[RestT, NodeT]):
    path: str  # under /brands/{brand_id}/
    cursor: str  # names the list in its cursors, so a cursor of one list is refused by another
    rest: type[RestT]
    page: type[PlanningItemPage[RestT]]
    node: Callable[[RestT], NodeT]


SEGMENTS = StrategyKind("segments", "segment", PlanningSegment, PlanningItemPage[PlanningSegment], AudienceSegment.of)
COMPETITORS = StrategyKind(
    "competitors", "competitor", PlanningCompetitor, PlanningItemPage[PlanningCompetitor], Competitor.of
)
FINDINGS = StrategyKind("findings", "finding", PlanningFinding, PlanningItemPage[PlanningFinding], ResearchFinding.of)
CHANNEL_PLANS = StrategyKind(
    "channel-plans", "channel_plan", PlanningChannelPlan, PlanningItemPage[PlanningChannelPlan], ChannelPlan.of
)
PARTNERSHIPS = StrategyKind(
    "partnerships", "partnership", PlanningPartnership, PlanningItemPage[PlanningPartnership], Partnership.of
)
