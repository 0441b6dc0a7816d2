"""A post's metrics over REST: per channel the schedule and latest counters, and the paginated history."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from chorus_publishing.api.dependencies import RequestUnitOfWork
from chorus_publishing.domain.metrics_snapshot import MetricsSnapshot
from chorus_publishing.service.post_metrics import ChannelMetrics, post_metrics
from chorus_shared.auth import CurrentPrincipal

router = APIRouter(tags=["metrics"])


class MetricRead(BaseModel):
    name: str
    value: int | None = Field(description="null: the network did not give this counter (missing, not zero).")
    api_field: str = Field(description="The field of the network's API the value was read from.")


class SnapshotRead(BaseModel):
    id: uuid.UUID
    channel_id: uuid.UUID
    network: str
    network_post_id: str
    fetched_at: datetime
    metrics: list[MetricRead]

    @classmethod
    def of(cls, snapshot: MetricsSnapshot) -> SnapshotRead:
        return cls(
            id=snapshot.id,
            channel_id=snapshot.channel_id,
            network=snapshot.network,
            network_post_id=snapshot.network_post_id,
            fetched_at=snapshot.fetched_at,
            metrics=[MetricRead(name=r.name, value=r.value, api_field=r.api_field) for r in snapshot.readings],
        )


class ChannelMetricsRead(BaseModel):
    channel_id: uuid.UUID
    network: str
    network_post_id: str
    status: str = Field(description="collecting, paused (channel disconnected) or stopped.")
    next_fetch_at: datetime | None
    last_fetched_at: datetime | None
    last_error: str | None
    latest: SnapshotRead | None

    @classmethod
    def of(cls, found: ChannelMetrics) -> ChannelMetricsRead:
        schedule = found.schedule
        return cls(
            channel_id=schedule.channel_id,
            network=schedule.network,
            network_post_id=schedule.network_post_id,
            status=schedule.status.value,
            next_fetch_at=schedule.next_fetch_at,
            last_fetched_at=schedule.last_fetched_at,
            last_error=schedule.last_error,
            latest=None if found.latest is None else SnapshotRead.of(found.latest),
        )


class SnapshotPage(BaseModel):
    items: list[SnapshotRead]
    next_after: uuid.UUID | None


class PostMetricsRead(BaseModel):
    post_id: uuid.UUID
    channels: list[ChannelMetricsRead]
    history: SnapshotPage


@router.get("/posts/{post_id}/metrics")
async def get_post_metrics(
    post_id: uuid.UUID,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    after: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> PostMetricsRead:
    view = await post_metrics(uow=uow, principal=principal, post_id=post_id, after=after, limit=limit + 1)
    page = view.history[:limit]
    return PostMetricsRead(
        post_id=view.post_id,
        channels=[ChannelMetricsRead.of(found) for found in view.channels],
        history=SnapshotPage(
            items=[SnapshotRead.of(s) for s in page], next_after=page[-1].id if len(view.history) > limit else None
        ),
    )
