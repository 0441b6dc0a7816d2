"""JSON Schemas of the Kafka headers every message carries: CloudEvents binary mode, and the dead-letter origin."""

from __future__ import annotations

from typing import Any

from chorus_shared.messaging.dlq import DLQ_HEADER_PREFIX
from chorus_shared.messaging.envelope import CONTENT_TYPE, SPEC_VERSION

TRACEPARENT_PATTERN = r"^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$"


def cloud_event_headers() -> dict[str, Any]:
    """What `CloudEvent.to_headers` writes; `ce_traceparent` is the only optional one."""
    text = {"type": "string", "minLength": 1}
    return {
        "type": "object",
        "description": "CloudEvents 1.0 attributes in Kafka binary mode; the value is the JSON payload.",
        "properties": {
            "ce_specversion": {"type": "string", "const": SPEC_VERSION},
            "ce_id": {**text, "description": "Unique per event; consumers deduplicate on it (inbox)."},
            "ce_type": {**text, "description": "Event type, chorus.<service>.<aggregate>.<verb>.v<N>."},
            "ce_source": {**text, "description": "The producing service."},
            "ce_subject": {**text, "description": "Aggregate id; also the Kafka key."},
            "ce_time": {"type": "string", "format": "date-time", "description": "When it happened (UTC)."},
            "ce_tenantid": {**text, "description": "Extension: the agency (tenant) the event belongs to."},
            "ce_traceparent": {
                "type": "string",
                "pattern": TRACEPARENT_PATTERN,
                "description": "Extension: W3C trace context of the request that caused the event.",
            },
            "content-type": {"type": "string", "const": CONTENT_TYPE},
        },
        "required": [
            "ce_specversion",
            "ce_id",
            "ce_type",
            "ce_source",
            "ce_subject",
            "ce_time",
            "ce_tenantid",
            "content-type",
        ],
    }


def dead_letter_headers() -> dict[str, Any]:
    """What `dlq.dead_letter` adds to the original record's headers (which it keeps, so it can be replayed)."""
    origin = {
        "topic": "Topic the message was read from.",
        "partition": "Its partition, as decimal text.",
        "offset": "Its offset, as decimal text.",
        "error": "Last error, `Type: message`, at most 2000 characters.",
        "attempts": "How many times the handler tried, as decimal text.",
        "group": "Consumer group that gave up.",
    }
    return {
        "type": "object",
        "description": "The original record's headers (CloudEvents ones included) plus its origin.",
        "properties": {
            DLQ_HEADER_PREFIX + name: {"type": "string", "description": text} for name, text in origin.items()
        },
        "required": [DLQ_HEADER_PREFIX + name for name in origin],
    }
