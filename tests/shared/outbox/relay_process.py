"""A relay as its own process, for the crash test: `python relay_process.py SERVICE_URL BUS_URL BATCH PAUSE_AFTER`.

After PAUSE_AFTER acknowledged sends it prints `sent <n>` and hangs before marking the batch published, so the
test can SIGKILL it exactly mid-batch: records on the bus, outbox rows not marked.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence

from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import create_async_engine

from chorus_shared.messaging.bus import BusConsumer, OutgoingRecord
from chorus_shared.messaging.embedded_backend import EmbeddedBackend
from chorus_shared.messaging.outbox_relay import OutboxRelay
from chorus_shared.messaging.outbox_table import outbox_table


class HangsAfterSends:
    """The real embedded bus; after `pause_after` sends the process announces it and never returns."""

    def __init__(self, bus: EmbeddedBackend, pause_after: int) -> None:
        self._bus = bus
        self._pause_after = pause_after
        self._sends = 0

    async def start(self) -> None:
        await self._bus.start()

    async def stop(self) -> None:
        await self._bus.stop()

    async def ping(self) -> None:
        await self._bus.ping()

    async def ensure_topics(self, topics: Sequence[str], *, partitions: int = 6) -> list[str]:
        return await self._bus.ensure_topics(topics, partitions=partitions)

    async def consumer(self, *, group: str, topics: Sequence[str]) -> BusConsumer:
        return await self._bus.consumer(group=group, topics=topics)

    async def send(self, records: Sequence[OutgoingRecord]) -> None:
        await self._bus.send(records)
        self._sends += 1
        if self._sends >= self._pause_after:
            print(f"sent {self._sends}", flush=True)
            await asyncio.Event().wait()


async def main(service_url: str, bus_url: str, batch_size: int, pause_after: int) -> None:
    engine = create_async_engine(service_url)
    backend = HangsAfterSends(EmbeddedBackend(bus_url), pause_after)
    await backend.start()
    relay = OutboxRelay(engine, backend, outbox=outbox_table(MetaData()), batch_size=batch_size, poll_interval=0.1)
    await relay.run(asyncio.Event())


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
