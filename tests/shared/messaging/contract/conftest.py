"""The `bus` fixture: every contract test runs once per bus backend.

Adding a backend = one async context manager below that yields a ContractBus, plus one entry in BACKENDS.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import pytest

from chorus_shared.messaging.embedded_backend import EmbeddedBackend
from chorus_shared.messaging.kafka_backend import KafkaBackend
from chorus_shared.messaging.kafka_topics import ensure_topics
from chorus_shared.testing.bus_contract import PARTITIONS, ContractBus
from chorus_shared.testing.embedded_bus import FAST_GROUP_TIMING, embedded_bus_database  # noqa: F401
from chorus_shared.testing.kafka import unique_topic
from chorus_shared.testing.postgres import MigratedDatabase


@asynccontextmanager
async def kafka_bus(request: pytest.FixtureRequest) -> AsyncIterator[ContractBus]:
    bootstrap: str = request.getfixturevalue("kafka_bootstrap")

    async def new_topic() -> str:
        topic = unique_topic("contract")
        await ensure_topics(bootstrap, [topic], partitions=PARTITIONS)
        return topic

    backend = KafkaBackend(bootstrap, client_id="chorus-contract")
    await backend.start()
    try:
        yield ContractBus(backend=backend, new_topic=new_topic)
    finally:
        await backend.stop()


@asynccontextmanager
async def embedded_bus(request: pytest.FixtureRequest) -> AsyncIterator[ContractBus]:
    database: MigratedDatabase = request.getfixturevalue("embedded_bus_database")
    backend = EmbeddedBackend(database.app_url, timing=FAST_GROUP_TIMING)
    await backend.start()

    async def new_topic() -> str:
        topic = unique_topic("contract")
        await backend.ensure_topics([topic], partitions=PARTITIONS)
        return topic

    try:
        yield ContractBus(backend=backend, new_topic=new_topic)
    finally:
        await backend.stop()


BusFactory = Callable[[pytest.FixtureRequest], AbstractAsyncContextManager[ContractBus]]
BACKENDS: dict[str, tuple[BusFactory, list[pytest.MarkDecorator]]] = {
    "kafka": (kafka_bus, [pytest.mark.kafka]),
    "embedded": (embedded_bus, []),
}


@pytest.fixture(params=[pytest.param(name, marks=marks) for name, (_, marks) in BACKENDS.items()])
async def bus(request: pytest.FixtureRequest) -> AsyncIterator[ContractBus]:
    factory, _marks = BACKENDS[request.param]
    async with factory(request) as contract_bus:
        yield contract_bus
