"""Test kit: what a test's own consumer group read from the bus, and waiting for an aggregate's event."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from chorus_shared.messaging.bus import IncomingMessage
from chorus_shared.messaging.envelope import CloudEvent


@dataclass
class BusWatch:
    """Publishing's events as they arrive on the bus, read by a consumer group of the test's own."""

    seen: list[CloudEvent] = field(default_factory=list)

    def of_type(self, event_type: str, subject: str) -> list[CloudEvent]:
        return [e for e in self.seen if e.type == event_type and e.subject == subject]

    async def wait_for(self, event_type: str, subject: str, timeout: float = 20.0) -> CloudEvent:
        async with asyncio.timeout(timeout):
            while not (found := self.of_type(event_type, subject)):
                await asyncio.sleep(0.05)
        return found[0]

    def take(self, message: IncomingMessage) -> None:
        self.seen.append(CloudEvent.from_message(message.headers, message.value))
