"""Events the publishing service publishes about the metrics it pulls from the networks for published posts."""

from __future__ import annotations

import uuid
from typing import ClassVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from chorus_shared.messaging.contracts.base import EventPayload


class MetricReading(BaseModel):
    """One raw counter as the network gave it. `value` null: the network did not give it (missing, never 0)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    name: str = Field(min_length=1, description="impressions, reach, likes, comments, shares, saves, clicks, ...")
    value: int | None = Field(description="The counter; null when the network did not give it.")
    api_field: str = Field(min_length=1, description="The field of the network's API the value was read from.")


class PostMetricsCollectedV1(EventPayload):
    """A published post's counters on one channel, read from the network at `fetched_at` (raw, not deltas)."""

    event_type: ClassVar[str] = "chorus.publishing.post.metrics_collected.v1"

    post_id: uuid.UUID
    brand_id: uuid.UUID
    channel_id: uuid.UUID
    network: str = Field(min_length=1)
    network_post_id: str = Field(min_length=1)
    fetched_at: AwareDatetime
    metrics: list[MetricReading]
