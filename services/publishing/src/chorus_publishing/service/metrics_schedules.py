"""Publishing's own events the metrics follow: a post live on a channel starts its metrics schedule, and a
channel connected again resumes the schedules its disconnection paused."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime

from chorus_publishing.adapters.metric_schedules import MetricScheduleRepository
from chorus_publishing.adapters.posts import PostRepository
from chorus_publishing.domain.metrics_schedule import MetricsSchedule
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.publishing import PostPublishedV1
from chorus_shared.messaging.contracts.publishing_channels import ChannelConnectedV1
from chorus_shared.messaging.envelope import CloudEvent

log = logging.getLogger(__name__)


async def on_publishing_event(uow: UnitOfWork, event: CloudEvent) -> None:
    """Handle one event of `chorus.publishing`; the ones metrics do not depend on are ignored."""
    if event.type == PostPublishedV1.event_type:
        await start_schedule(uow, PostPublishedV1.model_validate(event.data))
    elif event.type == ChannelConnectedV1.event_type:
        await resume_channel(uow, ChannelConnectedV1.model_validate(event.data).channel_id)


async def start_schedule(uow: UnitOfWork, published: PostPublishedV1) -> MetricsSchedule | None:
    """Schedule the metrics of the post on the channel it went out on (once, however often the event arrives)."""
    if uow.tenant_id is None:
        raise RuntimeError("a metrics schedule belongs to a tenant")
    try:
        channel_id = uuid.UUID(published.channel)
    except ValueError:
        log.warning("published post without a channel id: no metrics", extra={"post_id": str(published.post_id)})
        return None
    network_post_id = published.network_post_id or await _recorded_post_id(uow, published.post_id, channel_id)
    if network_post_id is None:
        log.warning("published post without the network's id: no metrics", extra={"post_id": str(published.post_id)})
        return None
    schedule = MetricsSchedule.start(
        tenant_id=uow.tenant_id,
        post_id=published.post_id,
        brand_id=published.brand_id,
        channel_id=channel_id,
        network=published.network,
        network_post_id=network_post_id,
        published_at=published.published_at,
    )
    return schedule if await MetricScheduleRepository(uow.session).add(schedule) else None


async def resume_channel(uow: UnitOfWork, channel_id: uuid.UUID) -> int:
    """Resume every schedule paused on `channel_id`; the first reading is due at once. Returns how many."""
    repository = MetricScheduleRepository(uow.session)
    paused = await repository.paused_on(channel_id)
    now = datetime.now(UTC)
    for schedule in paused:
        schedule.resume(now)
        await repository.save(schedule)
    return len(paused)


async def _recorded_post_id(uow: UnitOfWork, post_id: uuid.UUID, channel_id: uuid.UUID) -> str | None:
    """Events from before `network_post_id` was in post.published: the post's variant has it."""
    post = await PostRepository(uow.session).get(post_id)
    variant = None if post is None else post.variant_on(channel_id)
    return None if variant is None else variant.network_post_id
