"""The AsyncAPI 3.0 document of Chorus's events, generated from the contract registry into docs/events/asyncapi.yaml.

python -m chorus_shared.messaging.contracts.asyncapi --write   # after changing a contract
python -m chorus_shared.messaging.contracts.asyncapi --check   # fails if the committed document is stale
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from importlib.metadata import version
from itertools import groupby
from pathlib import Path
from typing import Any

import yaml

from chorus_shared.messaging.bus import dlq_topic
from chorus_shared.messaging.contracts import catalog
from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.contracts.generated_docs import run_generator
from chorus_shared.messaging.contracts.header_schemas import cloud_event_headers, dead_letter_headers
from chorus_shared.messaging.contracts.naming import topic_of
from chorus_shared.messaging.contracts.schemas import contract_schema

ASYNCAPI_VERSION = "3.0.0"
KAFKA_BINDING_VERSION = "0.5.0"
DEFAULT_DOCUMENT = Path("docs/events/asyncapi.yaml")
_DESCRIPTION = (
    "Events between Chorus services. One topic per producing service (`chorus.<service>`) and its dead-letter "
    "topic (`<topic>.dlq`). CloudEvents 1.0 in Kafka binary mode: attributes as `ce_*` headers, the JSON payload as "
    "the value, the aggregate id as the key so one aggregate's events stay in order. Delivery is at least once; "
    "consumers deduplicate on `ce_id`. A breaking payload change is a new type with the next `.vN`."
)


def build_document(contracts: Mapping[str, type[EventPayload]] | None = None) -> dict[str, Any]:
    contracts = catalog.registry() if contracts is None else contracts
    event_types = sorted(contracts)
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    for topic, in_topic in groupby(event_types, key=topic_of):
        topic_events = list(in_topic)
        channels[topic] = _topic_channel(topic, topic_events)
        channels[dlq_topic(topic)] = _dead_letter_channel(topic)
        operations[f"{topic}.publish"] = _publish_operation(topic, topic_events)
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "info": {"title": "Chorus events", "version": version("chorus-shared"), "description": _DESCRIPTION},
        "defaultContentType": "application/json",
        "servers": {"kafka": _kafka_server()},
        "channels": channels,
        "operations": operations,
        "components": {
            "schemas": {
                "CloudEventHeaders": cloud_event_headers(),
                "DeadLetterHeaders": dead_letter_headers(),
                **{event_type: _payload_schema(event_type, contracts[event_type]) for event_type in event_types},
            },
            "messages": {
                **{event_type: _message(event_type, contracts[event_type]) for event_type in event_types},
                **{_dead_letter_message_id(topic): _dead_letter_message(topic) for topic in _topics(event_types)},
            },
        },
    }


def render_document(document: Mapping[str, Any]) -> str:
    return yaml.safe_dump(dict(document), sort_keys=False, allow_unicode=True, width=120)


def write_document(path: Path) -> list[Path]:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_document(build_document()))
    return [path]


def check_document(path: Path) -> list[str]:
    if not path.is_file():
        return [f"{path} is missing (run --write and commit it)"]
    if path.read_text() != render_document(build_document()):
        return [f"{path} is not what the contracts generate (run --write and commit it)"]
    return []


def _topics(event_types: Sequence[str]) -> list[str]:
    return sorted({topic_of(event_type) for event_type in event_types})


def _kafka_server() -> dict[str, Any]:
    return {
        "host": "{bootstrap}",
        "protocol": "kafka",
        "description": "The deployment's Kafka cluster (CHORUS_KAFKA_BOOTSTRAP).",
        "variables": {"bootstrap": {"default": "kafka:9092", "description": "Bootstrap host:port."}},
    }


def _topic_channel(topic: str, event_types: Sequence[str]) -> dict[str, Any]:
    service = topic.split(".")[1]
    return {
        "address": topic,
        "title": f"Events of the {service} service",
        "messages": {event_type: {"$ref": f"#/components/messages/{event_type}"} for event_type in event_types},
        "bindings": {"kafka": {"topic": topic, "bindingVersion": KAFKA_BINDING_VERSION}},
    }


def _dead_letter_channel(topic: str) -> dict[str, Any]:
    message_id = _dead_letter_message_id(topic)
    return {
        "address": dlq_topic(topic),
        "title": f"Poison messages of {topic}",
        "description": f"Messages of {topic} that a consumer group gave up on after its retries, kept for replay.",
        "messages": {message_id: {"$ref": f"#/components/messages/{message_id}"}},
        "bindings": {"kafka": {"topic": dlq_topic(topic), "bindingVersion": KAFKA_BINDING_VERSION}},
    }


def _publish_operation(topic: str, event_types: Sequence[str]) -> dict[str, Any]:
    return {
        "action": "send",
        "title": f"The {topic.split('.')[1]} service publishes its events",
        "description": "Through its transactional outbox: an event is published if and only if its change committed.",
        "channel": {"$ref": f"#/channels/{topic}"},
        "messages": [{"$ref": f"#/channels/{topic}/messages/{event_type}"} for event_type in event_types],
    }


def _message(event_type: str, contract: type[EventPayload]) -> dict[str, Any]:
    summary = (contract.__doc__ or "").strip().splitlines()
    message: dict[str, Any] = {"name": event_type, "title": contract.__name__}
    if summary:
        message["summary"] = summary[0]
    return message | {
        "contentType": "application/json",
        "headers": {
            "allOf": [
                {"$ref": "#/components/schemas/CloudEventHeaders"},
                {"type": "object", "properties": {"ce_type": {"const": event_type}}},
            ]
        },
        "payload": {"$ref": f"#/components/schemas/{event_type}"},
        "correlationId": {"location": "$message.header#/ce_traceparent"},
        "bindings": {"kafka": _aggregate_key_binding()},
    }


def _dead_letter_message_id(topic: str) -> str:
    return f"{topic}.dead_letter"


def _dead_letter_message(topic: str) -> dict[str, Any]:
    return {
        "name": _dead_letter_message_id(topic),
        "title": "Dead letter",
        "summary": f"A record of {topic}, byte for byte, with headers saying where and why it failed.",
        "headers": {"$ref": "#/components/schemas/DeadLetterHeaders"},
        "payload": {"description": "The original value, unchanged (it may be the reason it failed)."},
        "bindings": {"kafka": _aggregate_key_binding()},
    }


def _aggregate_key_binding() -> dict[str, Any]:
    key = {"type": "string", "description": "The aggregate id (same as ce_subject): one aggregate, one partition."}
    return {"key": key, "bindingVersion": KAFKA_BINDING_VERSION}


def _payload_schema(event_type: str, contract: type[EventPayload]) -> dict[str, Any]:
    """The committed JSON Schema, with its `#/$defs/...` references pointed at where it sits in this document."""
    schema = {key: value for key, value in contract_schema(contract).items() if key != "$schema"}
    rebased: dict[str, Any] = _rebase_refs(schema, f"#/components/schemas/{event_type}/$defs/")
    return rebased


def _rebase_refs(node: Any, defs_base: str) -> Any:
    if isinstance(node, dict):
        return {
            key: defs_base + value.removeprefix("#/$defs/")
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/")
            else _rebase_refs(value, defs_base)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rebase_refs(item, defs_base) for item in node]
    return node


def main(argv: Sequence[str] | None = None) -> int:
    return run_generator(
        description="Generate or check the committed AsyncAPI document of the event contracts.",
        default_target=DEFAULT_DOCUMENT,
        write=write_document,
        check=check_document,
        argv=argv,
    )


if __name__ == "__main__":
    sys.exit(main())
