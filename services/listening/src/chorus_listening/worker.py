"""The listening worker: relays the outbox (it has no consumers yet)."""

from __future__ import annotations

from chorus_listening.adapters.orm import inbox, outbox
from chorus_listening.settings import ListeningSettings
from chorus_shared.runtime.entrypoint import Worker
from chorus_shared.runtime.worker import service_worker


def build_worker() -> Worker:
    return service_worker(ListeningSettings(), outbox=outbox, inbox=inbox, consumers=[])
