"""Event backbone benchmark: outbox -> relay -> bus -> consumer with inbox, on both bus backends.

Measures sustained events/s (a backlog drained as fast as possible) and end-to-end latency at a fixed rate, and, in
the same run, the ceiling: raw aiokafka produce + consume of the same payloads. The relay and the consumer run in
processes of their own, as deployed. Prints a Markdown report.

    .venv/bin/python bench/backbone/run.py [--events 20000] [--rate 1000] [--seconds 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvloop  # the event loop the services run on (uvicorn[standard])
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from sqlalchemy import BigInteger, Column, Float, MetaData, String, Table, create_engine, insert, pool, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from chorus_shared.db.cluster import EmbeddedCluster, free_port
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.db.migrate import sync_url
from chorus_shared.db.provision import ServiceDatabase, provision
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.kafka_local import start_broker, stop_broker
from chorus_shared.messaging.bus import BusBackend
from chorus_shared.messaging.consumer import run_consumer
from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.embedded_backend import EmbeddedBackend
from chorus_shared.messaging.embedded_schema import bus_metadata
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.messaging.inbox import IdempotentHandler, inbox_table
from chorus_shared.messaging.kafka_backend import KafkaBackend
from chorus_shared.messaging.outbox_relay import OutboxRelay, outbox_notify_trigger_sql
from chorus_shared.messaging.outbox_table import outbox_table

TENANT = uuid.UUID("00000000-0000-0000-0000-0000000000be")  # one value in every process of a run
EventFlag = Any  # a multiprocessing Event: its class is not importable for annotations

metadata = MetaData()
outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
# The consumer's side effect: one row per event, with the end-to-end latency measured when it was applied.
effects = Table(
    "effects",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("latency_ms", Float, nullable=False),
)


class BenchEvent(EventPayload):
    """A payload the size of a typical Chorus event (~300 bytes of JSON)."""

    event_type = "chorus.bench.item.happened.v1"
    seq: int
    sent_at: float
    body: str


@functools.cache  # a type may be declared once per process
def event_class(run: str) -> type[BenchEvent]:
    """Each run publishes on its own topic (`chorus.bench<run>`), so no run consumes another's events."""
    return type(f"BenchEvent{run}", (BenchEvent,), {"event_type": f"chorus.bench{run}.item.happened.v1"})


@dataclass(frozen=True)
class BusChoice:
    """Which bus, in a form a child process can rebuild: Kafka's bootstrap servers or the embedded bus's database."""

    kind: str  # kafka | embedded
    address: str

    def backend(self) -> BusBackend:
        if self.kind == "kafka":
            return KafkaBackend(self.address, client_id="chorus-bench")
        return EmbeddedBackend(self.address)


@dataclass
class Databases:
    producer_url: str
    consumer_url: str
    bus_url: str


@asynccontextmanager
async def postgres() -> AsyncIterator[tuple[EmbeddedCluster, str]]:
    with tempfile.TemporaryDirectory(prefix="chorus-bench-") as tmp:
        cluster = EmbeddedCluster(Path(tmp), port=free_port())
        cluster.start()
        try:
            yield cluster, cluster.admin_dsn
        finally:
            cluster.destroy()


def fresh_databases(cluster: EmbeddedCluster, run: str) -> Databases:
    urls = {}
    for name in ("producer", "consumer", "bus"):
        spec = ServiceDatabase.for_service(name, database=f"bench_{name}_{run}")
        provision(cluster.admin_dsn, spec)
        engine = create_engine(sync_url(spec.owner_url(cluster.host, cluster.port)), poolclass=pool.NullPool)
        with engine.begin() as conn:
            (bus_metadata if name == "bus" else metadata).create_all(conn)
            if name == "producer":
                for statement in outbox_notify_trigger_sql():
                    conn.execute(text(statement))
        engine.dispose()
        urls[name] = spec.app_url(cluster.host, cluster.port)
    return Databases(urls["producer"], urls["consumer"], urls["bus"])


async def record_effect(uow: UnitOfWork, event: CloudEvent) -> None:
    latency = (time.time() - float(event.data["sent_at"])) * 1000
    await uow.session.execute(insert(effects).values(event_id=event.id, seq=int(event.data["seq"]), latency_ms=latency))


async def write_events(engine: AsyncEngine, event: type[BenchEvent], count: int, *, per_transaction: int) -> None:
    sessions = make_sessions(engine)
    for start in range(0, count, per_transaction):
        async with UnitOfWork(sessions, outbox=outbox, source="chorus.bench", tenant_id=TENANT) as uow:
            for seq in range(start, min(count, start + per_transaction)):
                payload = event(seq=seq, sent_at=time.time(), body="x" * 200)
                uow.emit(payload, subject=f"item-{seq % 1000}")
            await uow.commit()


async def effects_count(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        return int((await conn.execute(text("SELECT count(*) FROM effects"))).scalar_one())


async def latencies(engine: AsyncEngine) -> list[float]:
    async with engine.connect() as conn:
        return [float(v) for v in (await conn.execute(text("SELECT latency_ms FROM effects"))).scalars()]


@asynccontextmanager
async def pipeline(bus: BusChoice, dbs: Databases, run: str) -> AsyncIterator[tuple[AsyncEngine, AsyncEngine]]:
    """Relay and consumer each in a process of their own, as deployed (the producing service's worker runs the relay,
    the consuming service's worker the consumer), until the block ends."""
    event = event_class(run)
    backend = bus.backend()
    await backend.start()
    try:
        await backend.ensure_topics([event.topic()])
    finally:
        await backend.stop()
    spawn = multiprocessing.get_context("spawn")
    stop = spawn.Event()
    group = f"bench-{uuid.uuid4().hex[:6]}"
    children = [
        spawn.Process(target=relay_process, args=(bus, dbs.producer_url, stop)),
        spawn.Process(target=consumer_process, args=(bus, dbs.consumer_url, run, group, stop)),
    ]
    for child in children:
        child.start()
    producer = create_async_engine(dbs.producer_url, pool_size=10)
    consumer_engine = make_engine(dbs.consumer_url, pool_size=4)
    try:
        await _warm_up(producer, consumer_engine, event)
        yield producer, consumer_engine
    finally:
        stop.set()
        for child in children:
            await asyncio.to_thread(child.join, 60)
        await producer.dispose()
        await consumer_engine.dispose()


def relay_process(bus: BusChoice, producer_url: str, stop: EventFlag) -> None:
    async def relay() -> None:
        backend = bus.backend()
        await backend.start()
        engine = create_async_engine(producer_url, pool_size=4)
        try:
            await OutboxRelay(engine, backend, outbox=outbox, poll_interval=0.05).run(await _stop_when(stop))
        finally:
            await engine.dispose()
            await backend.stop()

    uvloop.run(relay())


def consumer_process(bus: BusChoice, consumer_url: str, run: str, group: str, stop: EventFlag) -> None:
    async def consume() -> None:
        backend = bus.backend()
        await backend.start()
        engine = make_engine(consumer_url, pool_size=4)
        handler = IdempotentHandler(
            make_sessions(engine), group=group, inbox=inbox, outbox=outbox, source="chorus.bench", handle=record_effect
        )
        consumer = await backend.consumer(group=group, topics=[event_class(run).topic()])
        try:
            done = await _stop_when(stop)
            await run_consumer(consumer, handler, backend=backend, group=group, stop=done, poll_timeout=0.1)
        finally:
            await consumer.close()
            await engine.dispose()
            await backend.stop()

    uvloop.run(consume())


async def _stop_when(flag: EventFlag) -> asyncio.Event:
    """An asyncio event set when the parent sets `flag` (a multiprocessing event)."""
    done = asyncio.Event()
    loop = asyncio.get_running_loop()
    watcher = loop.run_in_executor(None, flag.wait)
    watcher.add_done_callback(lambda _: done.set())
    return done


async def _warm_up(producer: AsyncEngine, consumer_engine: AsyncEngine, event: type[BenchEvent]) -> None:
    """One event end to end before measuring, so a consumer group still joining is not counted as latency."""
    await write_events(producer, event, 1, per_transaction=1)
    await wait_for(consumer_engine, 1, timeout=120)
    async with consumer_engine.begin() as conn:
        await conn.execute(text("DELETE FROM effects"))


async def wait_for(engine: AsyncEngine, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while await effects_count(engine) < count:
        if time.monotonic() > deadline:
            raise TimeoutError(f"only {await effects_count(engine)} of {count} effects after {timeout} s")
        await asyncio.sleep(0.05)


async def sustained(bus: BusChoice, dbs: Databases, run: str, events: int) -> float:
    """Backlog drained end to end: events/s from the first write to the last effect applied."""
    event = event_class(run)
    async with pipeline(bus, dbs, run) as (producer, consumer_engine):
        started = time.perf_counter()
        await write_events(producer, event, events, per_transaction=100)
        await wait_for(consumer_engine, events, timeout=600)
        return events / (time.perf_counter() - started)


async def fixed_rate(bus: BusChoice, dbs: Databases, run: str, rate: int, seconds: float) -> tuple[float, float]:
    """Events written at `rate` by a separate process (one transaction per 10 ms); p50/p99 write-to-effect (ms)."""
    total = int(rate * seconds)
    async with pipeline(bus, dbs, run) as (_, consumer_engine):
        writer = multiprocessing.get_context("spawn").Process(
            target=write_at_rate, args=(dbs.producer_url, run, rate, total)
        )
        writer.start()
        await asyncio.to_thread(writer.join)
        await wait_for(consumer_engine, total, timeout=300)
        values = sorted(await latencies(consumer_engine))
    return percentile(values, 50), percentile(values, 99)


def write_at_rate(url: str, run: str, rate: int, total: int) -> None:
    """Writer process: the measured pipeline keeps this process's cores to itself."""

    async def write() -> None:
        engine = create_async_engine(url, pool_size=2)
        sessions, event, per_tick = make_sessions(engine), event_class(run), max(1, rate // 100)
        started = time.perf_counter()
        for tick, first in enumerate(range(0, total, per_tick)):
            await asyncio.sleep(max(0.0, started + tick * 0.01 - time.perf_counter()))
            async with UnitOfWork(sessions, outbox=outbox, source="chorus.bench", tenant_id=TENANT) as uow:
                for seq in range(first, min(total, first + per_tick)):
                    uow.emit(event(seq=seq, sent_at=time.time(), body="x" * 200), subject=f"item-{seq % 1000}")
                await uow.commit()
        await engine.dispose()

    asyncio.run(write())


async def raw_kafka_ceiling(bootstrap: str, events: int) -> float:
    """The same payloads produced and consumed with bare aiokafka, no database: the bus's own ceiling here."""
    topic = f"bench-raw-{uuid.uuid4().hex[:6]}"
    value = BenchEvent(seq=0, sent_at=time.time(), body="x" * 200).model_dump_json().encode()
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True, acks="all", linger_ms=5)
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=topic)
    await producer.start()
    await consumer.start()
    try:
        started = time.perf_counter()
        acks = [await producer.send(topic, value=value, key=f"item-{i % 1000}".encode()) for i in range(events)]
        await asyncio.gather(*acks)
        seen = 0
        while seen < events:
            batches = await consumer.getmany(timeout_ms=500, max_records=5000)
            seen += sum(len(records) for records in batches.values())
        return events / (time.perf_counter() - started)
    finally:
        await consumer.stop()
        await producer.stop()


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    index = min(len(values) - 1, round(pct / 100 * (len(values) - 1)))
    return values[index]


def summary(values: list[float]) -> str:
    spread = f"{min(values):,.0f}–{max(values):,.0f}"
    return f"{statistics.median(values):,.0f} (range {spread})"


async def measure(args: argparse.Namespace, cluster: EmbeddedCluster, bootstrap: str) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        results.setdefault(name, []).append(value)

    backends: dict[str, Callable[[Databases], BusChoice]] = {
        "kafka": lambda _: BusChoice("kafka", bootstrap),
        "embedded": lambda dbs: BusChoice("embedded", dbs.bus_url),
    }
    for repetition in range(args.repeat):
        add("ceiling raw aiokafka events/s", await raw_kafka_ceiling(bootstrap, args.events))
        for name, make in backends.items():
            for mode in ("sustained", "latency"):
                dbs = fresh_databases(cluster, f"{name}_{mode}_{repetition}")
                bus = make(dbs)
                run = f"{name}{mode}{repetition}"
                if mode == "sustained":
                    add(f"{name} sustained events/s", await sustained(bus, dbs, run, args.events))
                else:
                    p50, p99 = await fixed_rate(bus, dbs, run, args.rate, args.seconds)
                    add(f"{name} p50 ms at {args.rate}/s", p50)
                    add(f"{name} p99 ms at {args.rate}/s", p99)
        print(f"repetition {repetition + 1}/{args.repeat} done", file=sys.stderr)
    return results


def report(args: argparse.Namespace, results: dict[str, list[float]]) -> str:
    ceiling = statistics.median(results["ceiling raw aiokafka events/s"])
    lines = [
        f"Command: `.venv/bin/python bench/backbone/run.py --events {args.events} --rate {args.rate} "
        f"--seconds {args.seconds} --repeat {args.repeat}` on {os.cpu_count()} cores.",
        "",
        "| measure | median (range) over repetitions | ratio to raw aiokafka ceiling |",
        "| --- | --- | --- |",
    ]
    for name, values in results.items():
        ratio = f"{statistics.median(values) / ceiling:.2f}" if name.endswith("events/s") else ""
        lines.append(f"| {name} | {summary(values)} | {ratio} |")
    return "\n".join(lines)


async def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--rate", type=int, default=1_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    port = free_port()
    broker = start_broker(port, data_dir=Path(tempfile.mkdtemp(prefix="chorus-bench-kafka-")))
    try:
        async with postgres() as (cluster, _):
            results = await measure(args, cluster, broker.bootstrap)
    finally:
        stop_broker(port, data_dir=broker.data_dir)
    print(report(args, results))


if __name__ == "__main__":
    uvloop.run(main(sys.argv[1:]))
