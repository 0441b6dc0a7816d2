"""Why the local Kafka broker could not be fetched, started or stopped."""

from __future__ import annotations


class KafkaLocalError(RuntimeError):
    """The local broker is unusable; the message says what failed and, when there is one, shows the log tail."""
