"""The inbox makes redeliveries harmless: one effect per event and consumer group, emitted events included."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from sqlalchemy import func, select

from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.bus import IncomingMessage
from chorus_shared.messaging.contracts.planning import BrandRenamedV1
from chorus_shared.messaging.envelope import CloudEvent, EnvelopeError
from chorus_shared.messaging.inbox import EventHandler, IdempotentHandler
from chorus_shared.testing.event_backbone import BACKBONE, SOURCE, Backbone, effect_counts, record_effect


def _message(event: CloudEvent, offset: int = 0) -> IncomingMessage:
    return IncomingMessage("chorus.planning", 0, offset, event.key, event.to_value(), tuple(event.to_headers()))


def _rename() -> CloudEvent:
    brand = uuid.uuid4()
    payload = BrandRenamedV1(brand_id=brand, name="new", previous_name="old")
    return CloudEvent(
        type=payload.event_type,
        source="chorus.planning",
        subject=str(brand),
        tenantid=str(uuid.uuid4()),
        data=payload.model_dump(mode="json"),
    )


def _handler(backbone: Backbone, handle: EventHandler = record_effect, group: str = "effects") -> IdempotentHandler:
    return IdempotentHandler(
        backbone.sessions, group=group, inbox=BACKBONE.inbox, outbox=BACKBONE.outbox, source=SOURCE, handle=handle
    )


async def _emitting_effect(uow: UnitOfWork, event: CloudEvent) -> None:
    await record_effect(uow, event)
    uow.emit(BrandRenamedV1(brand_id=uuid.UUID(event.subject), name="echo", previous_name="new"), subject=event.subject)


async def _outbox_rows(backbone: Backbone) -> int:
    async with backbone.sessions() as session:
        return int((await session.execute(select(func.count()).select_from(BACKBONE.outbox))).scalar_one())


async def test_the_same_event_delivered_three_times_changes_state_once(backbone: Backbone) -> None:
    event, handler = _rename(), _handler(backbone, _emitting_effect)
    for offset in range(3):
        await handler(_message(event, offset))

    assert await effect_counts(backbone.sessions) == {event.id: 1}
    assert await _outbox_rows(backbone) == 1  # the event it emitted was written once too


async def test_concurrent_deliveries_of_one_event_change_state_once(backbone: Backbone) -> None:
    event, handler = _rename(), _handler(backbone)
    await asyncio.gather(*(handler(_message(event, offset)) for offset in range(3)))

    assert await effect_counts(backbone.sessions) == {event.id: 1}


async def test_each_consumer_group_handles_the_event_once(backbone: Backbone) -> None:
    event = _rename()
    for group in ("reporting", "reporting", "listening"):
        await _handler(backbone, group=group)(_message(event))

    assert await effect_counts(backbone.sessions) == {event.id: 2}


async def test_a_failed_handling_leaves_no_trace_and_the_redelivery_applies_it(backbone: Backbone) -> None:
    event = _rename()

    async def fails_after_writing(uow: UnitOfWork, event: CloudEvent) -> None:
        await _emitting_effect(uow, event)
        raise ConnectionError("network down")

    with pytest.raises(ConnectionError):
        await _handler(backbone, fails_after_writing)(_message(event))
    assert await effect_counts(backbone.sessions) == {}
    assert await _outbox_rows(backbone) == 0

    await _handler(backbone, _emitting_effect)(_message(event, offset=1))
    assert await effect_counts(backbone.sessions) == {event.id: 1}


async def test_a_message_without_a_tenant_uuid_is_poison(backbone: Backbone) -> None:
    event = _rename()
    forged = CloudEvent(type=event.type, source=event.source, subject=event.subject, tenantid="acme", data=event.data)

    with pytest.raises(EnvelopeError, match="tenantid"):
        await _handler(backbone)(_message(forged))
    assert await effect_counts(backbone.sessions) == {}
