"""Prometheus counters of the consumer runner, labelled by topic and consumer group."""

from __future__ import annotations

from prometheus_client import Counter

HANDLED = Counter("chorus_bus_messages_handled_total", "Messages whose handler succeeded.", ["topic", "group"])
RETRIED = Counter("chorus_bus_handler_retries_total", "Handler failures that were retried.", ["topic", "group"])
DEAD_LETTERED = Counter(
    "chorus_bus_messages_dead_lettered_total", "Messages sent to the dead-letter topic.", ["topic", "group"]
)
