"""The publishing worker: relays publishing's outbox and keeps brand references from planning's events."""

from __future__ import annotations

from chorus_publishing.adapters.orm import inbox, outbox
from chorus_publishing.service.brand_references import on_brand_event
from chorus_publishing.settings import PublishingSettings
from chorus_shared.runtime.entrypoint import Worker
from chorus_shared.runtime.worker import ConsumerSpec, service_worker

BRANDS = ConsumerSpec(group="publishing.brands", topics=("chorus.planning",), handle=on_brand_event)


def build_worker() -> Worker:
    return service_worker(PublishingSettings(), outbox=outbox, inbox=inbox, consumers=[BRANDS])
