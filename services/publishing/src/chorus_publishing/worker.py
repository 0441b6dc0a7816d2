"""The publishing worker: relays publishing's outbox, keeps brand references, freezes brands in a crisis."""

from __future__ import annotations

from chorus_publishing.adapters.orm import inbox, outbox
from chorus_publishing.service.brand_references import on_brand_event
from chorus_publishing.service.crisis_reactions import on_crisis_event
from chorus_publishing.settings import PublishingSettings
from chorus_shared.runtime.entrypoint import Worker
from chorus_shared.runtime.worker import ConsumerSpec, service_worker

BRANDS = ConsumerSpec(group="publishing.brands", topics=("chorus.planning",), handle=on_brand_event)
CRISES = ConsumerSpec(group="publishing.crisis", topics=("chorus.listening", "chorus.planning"), handle=on_crisis_event)


def build_worker() -> Worker:
    return service_worker(PublishingSettings(), outbox=outbox, inbox=inbox, consumers=[BRANDS, CRISES])
