"""Routes of a brand's strategy: market research (segments, competitors, findings), channel plans, partnerships."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter

from chorus_planning.api.dependencies import RequestUnitOfWork
from chorus_planning.api.strategy_routes import strategy_router
from chorus_planning.api.strategy_schemas import (
    ChannelPlanBody,
    ChannelPlanPatch,
    CompetitorBody,
    CompetitorPatch,
    FindingBody,
    FindingPatch,
    ItemRead,
    PartnershipBody,
    PartnershipPatch,
    SegmentBody,
    SegmentPatch,
    StatusChange,
)
from chorus_planning.domain.audience_segment import SegmentDetails
from chorus_planning.domain.channel_plan import ChannelPlanDetails
from chorus_planning.domain.competitor import CompetitorDetails
from chorus_planning.domain.field_checks import member_of
from chorus_planning.domain.partnership import Partnership, PartnershipDetails
from chorus_planning.domain.research_finding import FindingDetails
from chorus_planning.service import strategy_items as items
from chorus_planning.service.strategy_kinds import (
    CHANNEL_PLANS,
    COMPETITORS,
    FINDINGS,
    PARTNERSHIPS,
    SEGMENTS,
    ensure_segment_exists,
    ensure_segment_unused,
)
from chorus_shared.auth import CurrentPrincipal
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import FieldError, ValidationFailed
from chorus_shared.messaging.contracts.planning_partnerships import PartnershipStatus


def _latest_local_date() -> dt.date:
    # Somewhere on Earth (UTC+14) it is already tomorrow: a source dated today there is not in the future.
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()


def _parse_finding(fields: dict[str, Any]) -> FindingDetails:
    return FindingDetails.parse(fields, today=_latest_local_date())


async def _check_channel_plan(uow: UnitOfWork, brand_id: uuid.UUID, details: ChannelPlanDetails) -> None:
    await ensure_segment_exists(uow, brand_id, details.segment_id)


def _segment_guard(uow: UnitOfWork) -> Callable[[Any], Awaitable[None]]:
    async def guard(segment: Any) -> None:
        await ensure_segment_unused(uow, segment.id)

    return guard


segments = strategy_router(
    "segments", SEGMENTS, body=SegmentBody, patch=SegmentPatch, parse=SegmentDetails.parse, guard_delete=_segment_guard
)
competitors = strategy_router(
    "competitors", COMPETITORS, body=CompetitorBody, patch=CompetitorPatch, parse=CompetitorDetails.parse
)
findings = strategy_router("findings", FINDINGS, body=FindingBody, patch=FindingPatch, parse=_parse_finding)
channel_plans = strategy_router(
    "channel-plans",
    CHANNEL_PLANS,
    body=ChannelPlanBody,
    patch=ChannelPlanPatch,
    parse=ChannelPlanDetails.parse,
    check=_check_channel_plan,
)
partnerships = strategy_router(
    "partnerships", PARTNERSHIPS, body=PartnershipBody, patch=PartnershipPatch, parse=PartnershipDetails.parse
)


@partnerships.post("/{item_id}/status")
async def change_partnership_status(
    brand_id: uuid.UUID, item_id: uuid.UUID, body: StatusChange, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> ItemRead:
    errors: list[FieldError] = []
    status = member_of(PartnershipStatus, body.status, "status", errors)
    if status is None:
        raise ValidationFailed("The status is not valid.", field_errors=errors)

    def move(partnership: Partnership) -> None:
        partnership.move_to(status, note=body.note)

    item = await items.revise_item(
        uow=uow, principal=principal, brand_id=brand_id, kind=PARTNERSHIPS, item_id=item_id, change=move
    )
    await uow.commit()
    return ItemRead.of(item)


routers: list[APIRouter] = [segments, competitors, findings, channel_plans, partnerships]
