"""What strategy mutations return: the item written, or the deleted item's id, or a typed problem."""

from __future__ import annotations

import uuid
from typing import Annotated

import strawberry

from chorus_gateway.graphql.brand_strategy.plan_types import ChannelPlan, Partnership
from chorus_gateway.graphql.brand_strategy.research_types import AudienceSegment, Competitor, ResearchFinding
from chorus_gateway.graphql.problems import (
    CommonProblem,
    ConflictProblem,
    NotAllowed,
    NotFoundProblem,
    ValidationErrors,
)


@strawberry.type(description="A strategy item that no longer exists.")
class StrategyItemDeleted:
    id: strawberry.ID


def deleted(outcome: uuid.UUID | CommonProblem) -> StrategyItemDeleted | CommonProblem:
    return StrategyItemDeleted(id=strawberry.ID(str(outcome))) if isinstance(outcome, uuid.UUID) else outcome


AudienceSegmentResult = Annotated[
    AudienceSegment | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("AudienceSegmentResult"),
]
CompetitorResult = Annotated[
    Competitor | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("CompetitorResult"),
]
ResearchFindingResult = Annotated[
    ResearchFinding | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("ResearchFindingResult"),
]
ChannelPlanResult = Annotated[
    ChannelPlan | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("ChannelPlanResult"),
]
PartnershipResult = Annotated[
    Partnership | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("PartnershipResult"),
]
DeleteStrategyItemResult = Annotated[
    StrategyItemDeleted | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("DeleteStrategyItemResult"),
]
