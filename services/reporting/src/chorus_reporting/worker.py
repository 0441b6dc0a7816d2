"""The reporting worker: relays the outbox (it has no consumers yet)."""

from __future__ import annotations

from chorus_reporting.adapters.orm import inbox, outbox
from chorus_reporting.settings import ReportingSettings
from chorus_shared.runtime.entrypoint import Worker
from chorus_shared.runtime.worker import service_worker


def build_worker() -> Worker:
    return service_worker(ReportingSettings(), outbox=outbox, inbox=inbox, consumers=[])
