"""The planning worker: relays planning's outbox to the bus, runs planning's consumers and the routine generator."""

from __future__ import annotations

from chorus_planning.adapters.orm import inbox, outbox
from chorus_planning.service.crisis_detection import on_listening_event
from chorus_planning.service.kpi_progress import on_kpi_progress
from chorus_planning.service.publishing_events import on_publishing_event
from chorus_planning.service.reported_spend import on_campaign_spend
from chorus_planning.service.routine_runner import with_routine_generator
from chorus_planning.settings import PlanningSettings
from chorus_shared.runtime.entrypoint import Worker
from chorus_shared.runtime.worker import ConsumerSpec, service_worker

CRISES = ConsumerSpec(group="planning.crisis", topics=("chorus.listening",), handle=on_listening_event)
# Publishing's post events move handed-over content items to published.
PUBLISHED_POSTS = ConsumerSpec(group="planning.posts", topics=("chorus.publishing",), handle=on_publishing_event)
KPI_PROGRESS = ConsumerSpec(group="planning.kpi_progress", topics=("chorus.reporting",), handle=on_kpi_progress)
# Spend reporting imports from ad platforms lands on the campaigns' budget lines (own group: its own offsets).
CAMPAIGN_SPEND = ConsumerSpec(group="planning.campaign_spend", topics=("chorus.reporting",), handle=on_campaign_spend)


def build_worker() -> Worker:
    settings = PlanningSettings()
    consumers = [PUBLISHED_POSTS, CRISES, KPI_PROGRESS, CAMPAIGN_SPEND]
    return with_routine_generator(settings, service_worker(settings, outbox=outbox, inbox=inbox, consumers=consumers))
