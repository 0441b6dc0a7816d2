"""CloudEvents 1.0 envelope in Kafka binary mode: attributes travel as `ce_*` headers, the payload as JSON value."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

SPEC_VERSION = "1.0"
CONTENT_TYPE = "application/json"
_HEADER_PREFIX = "ce_"

Headers = Sequence[tuple[str, bytes]]


class EnvelopeError(ValueError):
    """A message that is not a valid CloudEvent (missing attribute, bad JSON). Poison: goes to the DLQ."""


@dataclass(frozen=True)
class CloudEvent:
    """One event as it travels on the bus.

    `subject` is the aggregate id: it is also the Kafka key, so one aggregate's events keep their order.
    """

    type: str
    source: str
    subject: str
    tenantid: str
    data: Mapping[str, Any]
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    time: datetime = field(default_factory=lambda: datetime.now(UTC))
    traceparent: str | None = None
    datacontenttype: str = CONTENT_TYPE
    specversion: str = SPEC_VERSION

    @property
    def key(self) -> bytes:
        return self.subject.encode()

    def to_headers(self) -> list[tuple[str, bytes]]:
        attrs: dict[str, str] = {
            "specversion": self.specversion,
            "id": self.id,
            "type": self.type,
            "source": self.source,
            "subject": self.subject,
            "time": self.time.isoformat(),
            "tenantid": self.tenantid,
        }
        if self.traceparent:
            attrs["traceparent"] = self.traceparent
        headers = [(_HEADER_PREFIX + name, value.encode()) for name, value in attrs.items()]
        # In binary mode datacontenttype maps to the plain content-type header.
        headers.append(("content-type", self.datacontenttype.encode()))
        return headers

    def to_value(self) -> bytes:
        return json.dumps(self.data, separators=(",", ":"), default=str).encode()

    @classmethod
    def from_message(cls, headers: Headers, value: bytes | None) -> CloudEvent:
        attrs = {k[len(_HEADER_PREFIX) :]: v.decode() for k, v in headers if k.startswith(_HEADER_PREFIX)}
        missing = [a for a in ("specversion", "id", "type", "source", "tenantid") if not attrs.get(a)]
        if missing:
            raise EnvelopeError(f"not a CloudEvent: missing {', '.join('ce_' + m for m in missing)}")
        if attrs["specversion"] != SPEC_VERSION:
            raise EnvelopeError(f"unsupported CloudEvents specversion {attrs['specversion']!r}")
        try:
            data = json.loads(value or b"null")
        except ValueError as exc:
            raise EnvelopeError(f"payload is not JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise EnvelopeError("payload must be a JSON object")
        time = datetime.fromisoformat(attrs["time"]) if attrs.get("time") else datetime.now(UTC)
        content_type = next((v.decode() for k, v in headers if k == "content-type"), CONTENT_TYPE)
        return cls(
            type=attrs["type"],
            source=attrs["source"],
            subject=attrs.get("subject", ""),
            tenantid=attrs["tenantid"],
            data=data,
            id=attrs["id"],
            time=time,
            traceparent=attrs.get("traceparent"),
            datacontenttype=content_type,
        )
