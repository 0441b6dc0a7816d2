"""GraphQL types of a brand's channel plans and partnerships."""

from __future__ import annotations

from datetime import date

import strawberry

from chorus_gateway.graphql.brand_strategy.enums import PartnerKind, PartnershipStatus
from chorus_gateway.graphql.brand_strategy.research_types import SocialHandle
from chorus_gateway.graphql.brand_strategy.rest import PlanningChannelPlan, PlanningPartnership
from chorus_gateway.graphql.money import Money
from chorus_gateway.graphql.planning_calendar.enums import Network


def _id(value: object | None) -> strawberry.ID | None:
    return None if value is None else strawberry.ID(str(value))


@strawberry.type(description="A network the brand (or one campaign) uses, for which segment and objective, and why.")
class ChannelPlan:
    id: strawberry.ID
    brand_id: strawberry.ID
    version: int
    network: Network
    rationale: str
    campaign_id: strawberry.ID | None
    segment_id: strawberry.ID | None
    objective_id: strawberry.ID | None

    @classmethod
    def of(cls, plan: PlanningChannelPlan) -> ChannelPlan:
        return cls(
            id=strawberry.ID(str(plan.id)),
            brand_id=strawberry.ID(str(plan.brand_id)),
            version=plan.version,
            network=Network(plan.network),
            rationale=plan.rationale,
            campaign_id=_id(plan.campaign_id),
            segment_id=_id(plan.segment_id),
            objective_id=_id(plan.objective_id),
        )


@strawberry.type
class PartnershipTerms:
    summary: str
    fee: Money | None
    starts_on: date | None
    ends_on: date | None


@strawberry.type(description="Another brand or a creator the client works with, and where the deal stands.")
class Partnership:
    id: strawberry.ID
    brand_id: strawberry.ID
    version: int
    partner_name: str
    partner_kind: PartnerKind
    status: PartnershipStatus
    terms: PartnershipTerms
    partner_handles: list[SocialHandle]
    campaign_ids: list[strawberry.ID]

    @classmethod
    def of(cls, partnership: PlanningPartnership) -> Partnership:
        terms = partnership.terms
        return cls(
            id=strawberry.ID(str(partnership.id)),
            brand_id=strawberry.ID(str(partnership.brand_id)),
            version=partnership.version,
            partner_name=partnership.partner_name,
            partner_kind=PartnerKind(partnership.partner_kind),
            status=PartnershipStatus(partnership.status),
            terms=PartnershipTerms(
                summary=terms.summary,
                fee=Money.of(terms.fee_amount_minor, terms.fee_currency),
                starts_on=terms.starts_on,
                ends_on=terms.ends_on,
            ),
            partner_handles=[SocialHandle.of(h) for h in partnership.partner_handles],
            campaign_ids=[strawberry.ID(str(c)) for c in partnership.campaign_ids],
        )
