"""Events about a brand's channel strategy on `chorus.planning`: which network, for whom, for what, and why."""

from __future__ import annotations

import uuid
from typing import ClassVar

from pydantic import Field

from chorus_shared.messaging.contracts.base import EventPayload


class ChannelPlanSnapshot(EventPayload):
    channel_plan_id: uuid.UUID
    brand_id: uuid.UUID
    campaign_id: uuid.UUID | None = Field(default=None, description="None: the plan is for the brand as a whole.")
    network: str
    segment_id: uuid.UUID | None = None
    objective_id: uuid.UUID | None = None
    rationale: str
    version: int = Field(ge=1)


class ChannelPlanCreatedV1(ChannelPlanSnapshot):
    event_type: ClassVar[str] = "chorus.planning.channel_plan.created.v1"


class ChannelPlanUpdatedV1(ChannelPlanSnapshot):
    event_type: ClassVar[str] = "chorus.planning.channel_plan.updated.v1"


class ChannelPlanRemovedV1(EventPayload):
    event_type: ClassVar[str] = "chorus.planning.channel_plan.removed.v1"

    channel_plan_id: uuid.UUID
    brand_id: uuid.UUID
