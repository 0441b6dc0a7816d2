"""What a metrics reading's outcome does to its schedule: store and announce the counters, defer, retry, pause
or stop. Runs in the tenant's transaction, with the schedule row locked."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Literal

from chorus_publishing.adapters.metric_schedules import MetricScheduleRepository
from chorus_publishing.adapters.metric_snapshots import MetricSnapshotRepository
from chorus_publishing.adapters.networks.connector import PostMetrics
from chorus_publishing.adapters.networks.errors import AuthError, RateLimited, RejectedContent
from chorus_publishing.adapters.token_cipher import TokenDecryptionFailed
from chorus_publishing.domain.errors import ChannelDisconnected, ChannelNotFound
from chorus_publishing.domain.metrics_schedule import MetricsSchedule
from chorus_publishing.domain.metrics_snapshot import MetricsSnapshot, Reading
from chorus_publishing.service import channels
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.publishing_metrics import MetricReading, PostMetricsCollectedV1

Outcome = Literal["collected", "deferred", "retrying", "paused", "stopped", "skipped", "error"]
PAUSED_REASON = "The channel is disconnected: metrics resume when it is connected again."


async def apply_outcome(
    uow: UnitOfWork,
    schedule: MetricsSchedule,
    result: PostMetrics | Exception,
    *,
    retry_base: timedelta,
    retry_cap: timedelta,
) -> Outcome:
    outcome = await _apply(uow, schedule, result, retry_base=retry_base, retry_cap=retry_cap)
    await MetricScheduleRepository(uow.session).save(schedule)
    return outcome


async def _apply(
    uow: UnitOfWork,
    schedule: MetricsSchedule,
    result: PostMetrics | Exception,
    *,
    retry_base: timedelta,
    retry_cap: timedelta,
) -> Outcome:
    if isinstance(result, PostMetrics):
        await _store(uow, schedule, result)
        schedule.collected(result.fetched_at)
        return "collected"
    if isinstance(result, RateLimited):
        schedule.rate_limited(result.retry_at, str(result))
        return "deferred"
    if isinstance(result, AuthError):
        await _disconnect(uow, schedule.channel_id, f"The network refused the token reading metrics: {result}")
        schedule.pause(PAUSED_REASON)
        return "paused"
    if isinstance(result, ChannelDisconnected | TokenDecryptionFailed):
        schedule.pause(PAUSED_REASON)
        return "paused"
    if isinstance(result, ChannelNotFound):
        schedule.stop(str(result))
        return "stopped"
    if isinstance(result, RejectedContent):  # 404 and the like: the post is gone from the network
        schedule.stop(f"The network no longer gives this post's metrics: {result}")
        return "stopped"
    reason = f"{type(result).__name__}: {result}"  # transient, unknown outcome, or an answer we could not read
    schedule.failed(datetime.now(UTC), reason, base=retry_base, cap=retry_cap)
    return "retrying" if schedule.is_due else "stopped"


async def _store(uow: UnitOfWork, schedule: MetricsSchedule, metrics: PostMetrics) -> None:
    readings = _readings(metrics)
    snapshot = MetricsSnapshot(
        id=uuid.uuid4(),
        schedule_id=schedule.id,
        post_id=schedule.post_id,
        brand_id=schedule.brand_id,
        channel_id=schedule.channel_id,
        network=schedule.network,
        network_post_id=schedule.network_post_id,
        fetched_at=metrics.fetched_at,
        readings=readings,
    )
    await MetricSnapshotRepository(uow.session).add(schedule.tenant_id, snapshot)
    collected = PostMetricsCollectedV1(
        post_id=schedule.post_id,
        brand_id=schedule.brand_id,
        channel_id=schedule.channel_id,
        network=schedule.network,
        network_post_id=schedule.network_post_id,
        fetched_at=metrics.fetched_at,
        metrics=[MetricReading(name=r.name, value=r.value, api_field=r.api_field) for r in readings],
    )
    uow.emit(collected, subject=schedule.post_id)


def _readings(metrics: PostMetrics) -> tuple[Reading, ...]:
    """The counters as given, each name once (the first wins); a missing value stays None, never 0."""
    seen: dict[str, Reading] = {}
    for value in metrics.values:
        seen.setdefault(value.name, Reading(value.name, value.value, value.api_field))
    return tuple(seen.values())


async def _disconnect(uow: UnitOfWork, channel_id: uuid.UUID, reason: str) -> None:
    try:
        await channels.mark_disconnected(uow, channel_id, reason)
    except ChannelNotFound:
        pass  # removed meanwhile: the schedule pauses all the same
