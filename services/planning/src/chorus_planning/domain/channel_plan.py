"""Channel plan: a network the brand (or one campaign) uses, for which segment and objective, and why."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, ClassVar

from chorus_planning.domain.brand_owned import BrandOwned
from chorus_planning.domain.field_checks import long_text, member_of
from chorus_planning.domain.networks import Network
from chorus_shared.errors import FieldError, ValidationFailed
from chorus_shared.messaging.contracts.planning_channels import (
    ChannelPlanCreatedV1,
    ChannelPlanRemovedV1,
    ChannelPlanUpdatedV1,
)


@dataclass(frozen=True)
class ChannelPlanDetails:
    network: Network
    rationale: str
    campaign_id: uuid.UUID | None = None
    segment_id: uuid.UUID | None = None
    objective_id: uuid.UUID | None = None

    @classmethod
    def parse(cls, fields: dict[str, Any]) -> ChannelPlanDetails:
        errors: list[FieldError] = []
        network = member_of(Network, fields["network"], "network", errors)
        # Not every platform serves every objective: the plan must say why this one does.
        rationale = long_text(fields["rationale"], "rationale", errors, max_length=5000, required=True)
        if errors or network is None:
            raise ValidationFailed("The channel plan is not valid.", field_errors=errors)
        return cls(
            network=network,
            rationale=rationale,
            campaign_id=fields.get("campaign_id"),
            segment_id=fields.get("segment_id"),
            objective_id=fields.get("objective_id"),
        )

    def event_fields(self) -> dict[str, Any]:
        return {
            "network": self.network.value,
            "rationale": self.rationale,
            "campaign_id": self.campaign_id,
            "segment_id": self.segment_id,
            "objective_id": self.objective_id,
        }


class ChannelPlan(BrandOwned[ChannelPlanDetails]):
    id_field: ClassVar[str] = "channel_plan_id"
    created_event = ChannelPlanCreatedV1
    updated_event = ChannelPlanUpdatedV1
    deleted_event = ChannelPlanRemovedV1
