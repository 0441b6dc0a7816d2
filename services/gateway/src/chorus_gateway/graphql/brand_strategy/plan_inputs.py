"""Inputs of a brand's channel plans and partnerships. Update inputs change only the fields sent; an optional field
sent as null is cleared."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from chorus_gateway.graphql.brand_strategy.bodies import minor_units
from chorus_gateway.graphql.brand_strategy.enums import PartnerKind
from chorus_gateway.graphql.brand_strategy.research_inputs import SocialHandleInput
from chorus_gateway.graphql.planning_calendar.enums import Network


@strawberry.input
class CreateChannelPlanInput:
    brand_id: strawberry.ID
    network: Network
    rationale: str = strawberry.field(description="Why this network serves this segment and objective.")
    campaign_id: strawberry.ID | None = None
    segment_id: strawberry.ID | None = strawberry.field(default=None, description="A segment of the same brand.")
    objective_id: strawberry.ID | None = None


@strawberry.input(description="Fields left out are unchanged; campaign, segment and objective sent as null clear.")
class UpdateChannelPlanInput:
    brand_id: strawberry.ID
    id: strawberry.ID
    network: Network | None = strawberry.UNSET
    rationale: str | None = strawberry.UNSET
    campaign_id: strawberry.ID | None = strawberry.UNSET
    segment_id: strawberry.ID | None = strawberry.UNSET
    objective_id: strawberry.ID | None = strawberry.UNSET


@strawberry.input(description="A fee needs both its amount and its currency.")
class PartnershipTermsInput:
    summary: str = ""
    fee_amount_minor: str | None = strawberry.field(
        default=None, description="Integer minor units as a decimal string, e.g. 150000 for 1,500.00."
    )
    fee_currency: str | None = strawberry.field(default=None, description="ISO 4217 code, e.g. EUR.")
    starts_on: date | None = None
    ends_on: date | None = None

    def to_body(self) -> dict[str, Any]:
        return {
            "summary": self.summary,
            "fee_amount_minor": minor_units(self.fee_amount_minor, "terms.feeAmountMinor"),
            "fee_currency": self.fee_currency,
            "starts_on": self.starts_on.isoformat() if self.starts_on else None,
            "ends_on": self.ends_on.isoformat() if self.ends_on else None,
        }


@strawberry.input
class CreatePartnershipInput:
    brand_id: strawberry.ID
    partner_name: str
    partner_kind: PartnerKind
    terms: PartnershipTermsInput | None = None
    partner_handles: list[SocialHandleInput] = strawberry.field(default_factory=list)
    campaign_ids: list[strawberry.ID] = strawberry.field(default_factory=list)


@strawberry.input(description="Fields left out are unchanged; terms sent replace the terms whole.")
class UpdatePartnershipInput:
    brand_id: strawberry.ID
    id: strawberry.ID
    partner_name: str | None = strawberry.UNSET
    partner_kind: PartnerKind | None = strawberry.UNSET
    terms: PartnershipTermsInput | None = strawberry.UNSET
    partner_handles: list[SocialHandleInput] | None = strawberry.UNSET
    campaign_ids: list[strawberry.ID] | None = strawberry.UNSET
