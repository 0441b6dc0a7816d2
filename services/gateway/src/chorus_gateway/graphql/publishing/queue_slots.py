"""A channel's weekly queue slots in GraphQL (weekday + wall time in the brand's timezone): read, add, remove."""

from __future__ import annotations

import uuid
from datetime import time
from typing import Annotated

import strawberry
from pydantic import BaseModel

from chorus_gateway.graphql.info import GatewayInfo, documented_mutation
from chorus_gateway.graphql.planning_calendar.paging import parse_id
from chorus_gateway.graphql.problems import ConflictProblem, NotAllowed, NotFoundProblem, ValidationErrors, problem_from
from chorus_shared.errors import ChorusError


class PublishingSlot(BaseModel):
    id: uuid.UUID
    weekday: int
    time: time


class PublishingSlotPage(BaseModel):
    items: list[PublishingSlot]


@strawberry.type(description="A weekly time the channel's queue publishes at, in the brand's timezone.")
class QueueSlot:
    id: strawberry.ID
    weekday: int = strawberry.field(description="0 = Monday ... 6 = Sunday.")
    time: time

    @classmethod
    def of(cls, slot: PublishingSlot) -> QueueSlot:
        return cls(id=strawberry.ID(str(slot.id)), weekday=slot.weekday, time=slot.time)


@strawberry.type(description="The slot is gone from the queue.")
class QueueSlotRemoved:
    id: strawberry.ID


QueueSlotResult = Annotated[
    QueueSlot | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem, strawberry.union("QueueSlotResult")
]
QueueSlotRemovedResult = Annotated[
    QueueSlotRemoved | ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem,
    strawberry.union("QueueSlotRemovedResult"),
]


async def channel_slots(info: GatewayInfo, channel_id: str) -> list[QueueSlot]:
    page = await info.context.service("publishing").get(f"/channels/{channel_id}/slots", PublishingSlotPage)
    return [QueueSlot.of(s) for s in sorted(page.items, key=lambda s: (s.weekday, s.time))]


@strawberry.type
class QueueSlotMutation:
    @documented_mutation("Add a weekly slot to the channel's queue (weekday 0 = Monday, wall time of the brand).")
    async def add_queue_slot(
        self, info: GatewayInfo, channel_id: strawberry.ID, brand_id: strawberry.ID, weekday: int, time: time
    ) -> QueueSlotResult:
        try:
            path = f"/channels/{parse_id(channel_id, 'channelId')}/slots"
            body = {"brand_id": str(parse_id(brand_id, "brandId")), "weekday": weekday, "time": time.isoformat()}
            return QueueSlot.of(await info.context.service("publishing").post(path, PublishingSlot, json=body))
        except ChorusError as error:
            return problem_from(error)

    @documented_mutation("Remove a slot from the channel's queue.")
    async def remove_queue_slot(
        self, info: GatewayInfo, channel_id: strawberry.ID, slot_id: strawberry.ID
    ) -> QueueSlotRemovedResult:
        try:
            path = f"/channels/{parse_id(channel_id, 'channelId')}/slots/{parse_id(slot_id, 'slotId')}"
            await info.context.service("publishing").delete(path)
        except ChorusError as error:
            return problem_from(error)
        return QueueSlotRemoved(id=slot_id)
