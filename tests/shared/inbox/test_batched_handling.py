"""A partition's poll handled in one transaction has exactly the effects of handling it message by message."""

from __future__ import annotations

import asyncio
import uuid

from sqlalchemy import func, select

from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.bus import IncomingMessage, OutgoingRecord
from chorus_shared.messaging.consumer import run_consumer
from chorus_shared.messaging.contracts.planning import BrandRenamedV1
from chorus_shared.messaging.envelope import CloudEvent
from chorus_shared.messaging.inbox import EventHandler, IdempotentHandler
from chorus_shared.messaging.retry import RetryPolicy
from chorus_shared.testing.event_backbone import BACKBONE, SOURCE, Backbone, effect_counts, record_effect

TOPIC = "chorus.planning"


def _rename(tenant: uuid.UUID) -> CloudEvent:
    brand = uuid.uuid4()
    payload = BrandRenamedV1(brand_id=brand, name="new", previous_name="old")
    return CloudEvent(
        type=payload.event_type,
        source=TOPIC,
        subject=str(brand),
        tenantid=str(tenant),
        data=payload.model_dump(mode="json"),
    )


def _message(event: CloudEvent, offset: int) -> IncomingMessage:
    return IncomingMessage(TOPIC, 0, offset, event.key, event.to_value(), tuple(event.to_headers()))


def _handler(backbone: Backbone, handle: EventHandler = record_effect) -> IdempotentHandler:
    return IdempotentHandler(
        backbone.sessions, group="batched", inbox=BACKBONE.inbox, outbox=BACKBONE.outbox, source=SOURCE, handle=handle
    )


async def test_a_batch_with_copies_and_several_tenants_has_one_effect_per_event(backbone: Backbone) -> None:
    a, b = _rename(uuid.uuid4()), _rename(uuid.uuid4())
    messages = [_message(e, n) for n, e in enumerate([a, b, a, b, a])]
    handler = _handler(backbone)
    await handler.handle_batch(messages)
    await handler.handle_batch(messages)  # the whole poll redelivered
    assert await effect_counts(backbone.sessions) == {a.id: 1, b.id: 1}


async def test_events_emitted_in_a_batch_carry_the_tenant_of_the_event_that_caused_them(backbone: Backbone) -> None:
    tenants = [uuid.uuid4(), uuid.uuid4()]

    async def echo(uow: UnitOfWork, event: CloudEvent) -> None:
        uow.emit(
            BrandRenamedV1(brand_id=uuid.UUID(event.subject), name="echo", previous_name="new"), subject=event.subject
        )

    events = [_rename(tenant) for tenant in tenants]
    await _handler(backbone, echo).handle_batch([_message(e, n) for n, e in enumerate(events)])
    async with backbone.sessions() as session:
        rows = (await session.execute(select(BACKBONE.outbox.c.key, BACKBONE.outbox.c.headers))).all()
    tenant_by_subject = {row.key.decode(): dict(row.headers)["ce_tenantid"] for row in rows}
    assert tenant_by_subject == {e.subject: e.tenantid for e in events}


async def test_a_failing_message_rolls_back_its_batch_and_the_runner_falls_back_to_one_by_one(
    backbone: Backbone,
) -> None:
    tenant = uuid.uuid4()
    good, bad, later = _rename(tenant), _rename(tenant), _rename(tenant)

    async def fails_on_bad(uow: UnitOfWork, event: CloudEvent) -> None:
        if event.id == bad.id:
            raise RuntimeError("this one cannot be applied")
        await record_effect(uow, event)

    await backbone.bus.ensure_topics([TOPIC])
    await backbone.bus.send([_outgoing(e) for e in (good, bad, later)])
    consumer = await backbone.bus.consumer(group="batched", topics=[TOPIC])
    stop = asyncio.Event()
    policy = RetryPolicy(max_attempts=2, initial_backoff=0.01, max_backoff=0.01)
    runner = asyncio.create_task(
        run_consumer(
            consumer,
            _handler(backbone, fails_on_bad),
            backend=backbone.bus,
            group="batched",
            stop=stop,
            policy=policy,
            poll_timeout=0.1,
        )
    )
    try:
        for _ in range(200):
            if await effect_counts(backbone.sessions) == {good.id: 1, later.id: 1}:
                break
            await asyncio.sleep(0.05)
    finally:
        stop.set()
        await runner
        await consumer.close()
    assert await effect_counts(backbone.sessions) == {good.id: 1, later.id: 1}
    async with backbone.sessions() as session:
        handled = (await session.execute(select(func.count()).select_from(BACKBONE.inbox))).scalar_one()
    assert handled == 2  # the failed one left no inbox row: it went to the dead-letter topic instead


def _outgoing(event: CloudEvent) -> OutgoingRecord:
    return OutgoingRecord(topic=TOPIC, key=event.key, value=event.to_value(), headers=tuple(event.to_headers()))
