"""The publishing worker: outbox relay, brand references, crisis freezes, channel token refresh, the dispatcher,
the metrics collector."""

from __future__ import annotations

from chorus_publishing.adapters.orm import inbox, outbox
from chorus_publishing.service.brand_references import on_brand_event
from chorus_publishing.service.channel_refresher import with_token_refresher
from chorus_publishing.service.content_handover import on_planning_event
from chorus_publishing.service.crisis_reactions import on_crisis_event
from chorus_publishing.service.dispatch_runner import with_dispatcher
from chorus_publishing.service.metrics_runner import with_metrics_collector
from chorus_publishing.service.metrics_schedules import on_publishing_event
from chorus_publishing.settings import PublishingSettings
from chorus_shared.runtime.entrypoint import Worker
from chorus_shared.runtime.worker import ConsumerSpec, service_worker

BRANDS = ConsumerSpec(group="publishing.brands", topics=("chorus.planning",), handle=on_brand_event)
CRISES = ConsumerSpec(group="publishing.crisis", topics=("chorus.listening", "chorus.planning"), handle=on_crisis_event)
# Guidelines, approval policies and handed-over items: what posts need from planning.
POSTS = ConsumerSpec(group="publishing.posts", topics=("chorus.planning",), handle=on_planning_event)
# Posts gone live start their metrics schedule; a channel connected again resumes the schedules it paused.
METRICS = ConsumerSpec(group="publishing.metrics", topics=("chorus.publishing",), handle=on_publishing_event)


def build_worker() -> Worker:
    settings = PublishingSettings()
    relay = service_worker(settings, outbox=outbox, inbox=inbox, consumers=[BRANDS, CRISES, POSTS, METRICS])
    return with_metrics_collector(settings, with_dispatcher(settings, with_token_refresher(settings, relay)))
