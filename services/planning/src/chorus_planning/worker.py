"""The planning worker: relays planning's outbox to the bus (planning consumes no events yet)."""

from __future__ import annotations

from chorus_planning.adapters.orm import outbox
from chorus_planning.settings import PlanningSettings
from chorus_shared.runtime.entrypoint import Worker
from chorus_shared.runtime.worker import service_worker


def build_worker() -> Worker:
    return service_worker(PlanningSettings(), outbox=outbox, consumers=[])
