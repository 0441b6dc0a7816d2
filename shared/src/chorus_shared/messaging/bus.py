"""The bus interface both backends implement (Kafka, embedded PostgreSQL log). One contract suite tests both.

Backends move bytes; retries, dead-lettering and the inbox live above them (consumer.py, inbox.py),
so both backends behave the same way by construction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from chorus_shared.messaging.envelope import Headers


def dlq_topic(topic: str) -> str:
    return f"{topic}.dlq"


@dataclass(frozen=True)
class OutgoingRecord:
    """A record to append to a topic. Records with the same key land in the same partition, in order."""

    topic: str
    key: bytes | None
    value: bytes
    headers: Headers = ()


@dataclass(frozen=True)
class IncomingMessage:
    """A record read from a partition at an offset."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    headers: Headers = ()


class BusConsumer(Protocol):
    """A member of a consumer group. Offsets are committed only when the caller says so."""

    async def poll(self, *, timeout: float, max_records: int = 500) -> Sequence[IncomingMessage]:
        """Next records of the partitions this member owns, each partition's records in offset order."""
        ...

    async def commit(self, message: IncomingMessage) -> None:
        """Mark `message` and everything before it in its partition as done for the group."""
        ...

    async def close(self) -> None: ...


class BusBackend(Protocol):
    """One event bus. `send` returns once every record is durably stored (acknowledged)."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def send(self, records: Sequence[OutgoingRecord]) -> None: ...

    async def consumer(self, *, group: str, topics: Sequence[str]) -> BusConsumer: ...

    async def ensure_topics(self, topics: Sequence[str], *, partitions: int = 6) -> list[str]:
        """Create the topics (and their `.dlq`) that do not exist yet; returns the ones created."""
        ...

    async def ping(self) -> None:
        """Raise if the bus cannot be reached (used by /readyz)."""
        ...
