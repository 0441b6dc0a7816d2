"""Chooses the bus: Kafka when `CHORUS_KAFKA_BOOTSTRAP` is set, else the embedded PostgreSQL log."""

from __future__ import annotations

from chorus_shared.messaging.bus import BusBackend
from chorus_shared.messaging.kafka_backend import KafkaBackend
from chorus_shared.settings import ChorusSettings


def make_backend(settings: ChorusSettings) -> BusBackend:
    if settings.kafka_bootstrap:
        return KafkaBackend(settings.kafka_bootstrap, client_id=f"chorus-{settings.service_name}")
    from chorus_shared.messaging.embedded_backend import EmbeddedBackend

    return EmbeddedBackend(settings.bus_database_url)
