"""One reading of a post's counters on one channel, with where each value came from."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Reading:
    """`value` None: the network did not give this counter (missing), which is not the same as 0."""

    name: str
    value: int | None
    api_field: str


@dataclass(frozen=True)
class MetricsSnapshot:
    id: uuid.UUID
    schedule_id: uuid.UUID
    post_id: uuid.UUID
    brand_id: uuid.UUID
    channel_id: uuid.UUID
    network: str
    network_post_id: str
    fetched_at: datetime
    readings: tuple[Reading, ...]
