"""Runs a handler over a consumer group, whatever the backend: retries with backoff, then the dead-letter topic.

Each partition of a poll is handled by its own task, in offset order, so a slow or failing partition does not
hold the others back. A partition's offset is committed once per poll, after its last handled message: a crash
redelivers at most one poll's worth of messages, which the inbox makes harmless.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from chorus_shared.messaging import consumer_metrics as metrics
from chorus_shared.messaging.bus import BusBackend, BusConsumer, IncomingMessage
from chorus_shared.messaging.dlq import dead_letter
from chorus_shared.messaging.retry import RetryPolicy

log = logging.getLogger(__name__)

Handler = Callable[[IncomingMessage], Awaitable[None]]


@runtime_checkable
class BatchHandler(Protocol):
    """A handler that can also take a partition's whole poll at once (one transaction instead of one per message).

    If the batch fails for any reason, the runner falls back to one message at a time, with retries and the
    dead-letter topic, so batching changes throughput, never outcomes.
    """

    async def __call__(self, message: IncomingMessage) -> None: ...

    async def handle_batch(self, messages: Sequence[IncomingMessage]) -> None: ...


@dataclass(frozen=True)
class _Run:
    consumer: BusConsumer
    handler: Handler
    backend: BusBackend
    group: str
    policy: RetryPolicy
    stop: asyncio.Event


async def run_consumer(
    consumer: BusConsumer,
    handler: Handler,
    *,
    backend: BusBackend,
    group: str,
    stop: asyncio.Event,
    policy: RetryPolicy | None = None,
    poll_timeout: float = 1.0,
    max_records: int = 500,
) -> None:
    """Handles messages until `stop` is set; the caller closes `consumer` afterwards.

    A handler that keeps failing (or raises a poison error such as EnvelopeError) gets its message published to
    `<topic>.dlq` with origin headers, and the partition moves on. If that publish fails, this raises: the
    offset stays uncommitted and the message is redelivered when the consumer is restarted.
    """
    run = _Run(consumer, handler, backend, group, policy or RetryPolicy(), stop)
    while not stop.is_set():
        messages = await consumer.poll(timeout=poll_timeout, max_records=max_records)
        try:
            async with asyncio.TaskGroup() as partitions:
                for batch in _by_partition(messages):
                    partitions.create_task(_handle_partition(run, batch))
        except* Exception as failed:
            # Callers supervise one worker: they want the error itself, not a group of one.
            raise failed.exceptions[0] from failed


def _by_partition(messages: Sequence[IncomingMessage]) -> list[list[IncomingMessage]]:
    batches: dict[tuple[str, int], list[IncomingMessage]] = {}
    for message in messages:
        batches.setdefault((message.topic, message.partition), []).append(message)
    return list(batches.values())


async def _handle_partition(run: _Run, batch: Sequence[IncomingMessage]) -> None:
    if len(batch) > 1 and isinstance(run.handler, BatchHandler) and await _delivered_as_batch(run, run.handler, batch):
        await run.consumer.commit(batch[-1])
        return
    done: IncomingMessage | None = None
    for message in batch:
        if run.stop.is_set() or not await _deliver(run, message):
            break
        done = message
    if done is not None:
        await run.consumer.commit(done)


async def _delivered_as_batch(run: _Run, handler: BatchHandler, batch: Sequence[IncomingMessage]) -> bool:
    try:
        await handler.handle_batch(batch)
    except Exception as error:  # the one-by-one path below retries and dead-letters precisely
        log.info(
            "batch of %s on %s[%s] failed, handling one by one: %r",
            len(batch),
            batch[0].topic,
            batch[0].partition,
            error,
        )
        return False
    metrics.HANDLED.labels(batch[0].topic, run.group).inc(len(batch))
    return True


async def _deliver(run: _Run, message: IncomingMessage) -> bool:
    """True once the message is handled or dead-lettered; False if `stop` was set while waiting to retry."""
    attempt = 0
    while True:
        attempt += 1
        try:
            await run.handler(message)
        except Exception as error:  # any handler failure is retried or dead-lettered, never lost
            if run.policy.gives_up(attempt, error):
                await _dead_letter(run, message, error, attempt)
                return True
            metrics.RETRIED.labels(message.topic, run.group).inc()
            delay = run.policy.backoff(attempt)
            log.warning(
                "handler failed on %s[%s]@%s (attempt %s), retrying in %.2fs: %r",
                *(message.topic, message.partition, message.offset, attempt, delay, error),
            )
            if await _stopped_within(run.stop, delay):
                return False
        else:
            metrics.HANDLED.labels(message.topic, run.group).inc()
            return True


async def _dead_letter(run: _Run, message: IncomingMessage, error: Exception, attempts: int) -> None:
    await run.backend.send([dead_letter(message, error=error, attempts=attempts, group=run.group)])
    metrics.DEAD_LETTERED.labels(message.topic, run.group).inc()
    log.error(
        "dead-lettered %s[%s]@%s after %s attempt(s): %r",
        *(message.topic, message.partition, message.offset, attempts, error),
    )


async def _stopped_within(stop: asyncio.Event, seconds: float) -> bool:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except TimeoutError:
        return False
    return True
