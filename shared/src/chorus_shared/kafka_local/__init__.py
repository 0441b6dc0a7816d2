"""Local Apache Kafka (KRaft, single node) from Maven Central jars, for development, tests and benchmarks."""

from chorus_shared.kafka_local.broker import BrokerStatus, LocalBroker, broker_status, start_broker, stop_broker
from chorus_shared.kafka_local.errors import KafkaLocalError
from chorus_shared.kafka_local.jars import ensure_jars
from chorus_shared.kafka_local.paths import DEFAULT_PORT, KAFKA_VERSION

__all__ = [
    "DEFAULT_PORT",
    "KAFKA_VERSION",
    "BrokerStatus",
    "KafkaLocalError",
    "LocalBroker",
    "broker_status",
    "ensure_jars",
    "start_broker",
    "stop_broker",
]
