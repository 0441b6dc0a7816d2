"""Reading a post's metrics: per channel, its schedule and latest reading; and every reading, newest first."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from chorus_publishing.adapters.metric_schedules import MetricScheduleRepository
from chorus_publishing.adapters.metric_snapshots import MetricSnapshotRepository
from chorus_publishing.adapters.posts import PostRepository
from chorus_publishing.domain.errors import PostNotFound
from chorus_publishing.domain.metrics_schedule import MetricsSchedule
from chorus_publishing.domain.metrics_snapshot import MetricsSnapshot
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork


@dataclass(frozen=True)
class ChannelMetrics:
    schedule: MetricsSchedule
    latest: MetricsSnapshot | None


@dataclass(frozen=True)
class PostMetricsView:
    post_id: uuid.UUID
    channels: list[ChannelMetrics]
    history: list[MetricsSnapshot]  # one more than asked when there is a next page


async def post_metrics(
    *, uow: UnitOfWork, principal: Principal, post_id: uuid.UUID, after: uuid.UUID | None, limit: int
) -> PostMetricsView:
    require_permission(principal, Permission.READ)
    post = await PostRepository(uow.session).get(post_id)
    if post is None or not principal.can_see_brand(post.brand_id):
        raise PostNotFound(f"No post {post_id}.")
    snapshots = MetricSnapshotRepository(uow.session)
    latest = {snapshot.schedule_id: snapshot for snapshot in await snapshots.latest_per_channel(post_id)}
    schedules = await MetricScheduleRepository(uow.session).of_post(post_id)
    return PostMetricsView(
        post_id=post_id,
        channels=[ChannelMetrics(schedule, latest.get(schedule.id)) for schedule in schedules],
        history=await snapshots.history(post_id, after=after, limit=limit),
    )
