"""A published post's metrics schedule on one channel: when its next reading is due, or why it stopped."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from chorus_publishing.domain import metrics_cadence


class ScheduleStatus(StrEnum):
    COLLECTING = "collecting"
    PAUSED = "paused"  # the channel is disconnected: resumes when it is connected again
    STOPPED = "stopped"  # past the horizon, or the post is gone from the network


@dataclass
class MetricsSchedule:
    id: uuid.UUID
    tenant_id: uuid.UUID
    post_id: uuid.UUID
    brand_id: uuid.UUID
    channel_id: uuid.UUID
    network: str
    network_post_id: str
    published_at: datetime
    status: ScheduleStatus
    next_fetch_at: datetime | None
    last_fetched_at: datetime | None = None
    failures: int = 0
    last_error: str | None = None

    @classmethod
    def start(
        cls,
        *,
        tenant_id: uuid.UUID,
        post_id: uuid.UUID,
        brand_id: uuid.UUID,
        channel_id: uuid.UUID,
        network: str,
        network_post_id: str,
        published_at: datetime,
    ) -> MetricsSchedule:
        return cls(
            id=uuid.uuid4(),
            tenant_id=tenant_id,
            post_id=post_id,
            brand_id=brand_id,
            channel_id=channel_id,
            network=network,
            network_post_id=network_post_id,
            published_at=published_at,
            status=ScheduleStatus.COLLECTING,
            next_fetch_at=metrics_cadence.first_reading_at(published_at),
        )

    @property
    def is_due(self) -> bool:
        return self.status is ScheduleStatus.COLLECTING and self.next_fetch_at is not None

    def collected(self, fetched_at: datetime) -> None:
        self.last_fetched_at, self.failures, self.last_error = fetched_at, 0, None
        self._next(metrics_cadence.next_reading_at(self.published_at, fetched_at), "Past the collection horizon.")

    def rate_limited(self, retry_at: datetime, reason: str) -> None:
        """The network's limit is not the post's fault: try again at its reset, no failure counted."""
        self.next_fetch_at, self.last_error = retry_at, reason

    def failed(self, now: datetime, reason: str, *, base: timedelta, cap: timedelta) -> None:
        self.failures += 1
        retry = metrics_cadence.retry_at(self.published_at, now, self.failures, base=base, cap=cap)
        self._next(retry, reason)
        self.last_error = reason

    def pause(self, reason: str) -> None:
        self.status, self.next_fetch_at, self.last_error = ScheduleStatus.PAUSED, None, reason

    def resume(self, now: datetime) -> None:
        if self.status is ScheduleStatus.PAUSED:
            self.status, self.next_fetch_at, self.failures = ScheduleStatus.COLLECTING, now, 0

    def stop(self, reason: str) -> None:
        self.status, self.next_fetch_at, self.last_error = ScheduleStatus.STOPPED, None, reason

    def _next(self, at: datetime | None, reason_if_none: str) -> None:
        if at is None:
            self.stop(reason_if_none)
        else:
            self.next_fetch_at = at
