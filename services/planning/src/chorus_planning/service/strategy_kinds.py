"""The kinds of strategy items and what is particular to each: a channel plan's segment must exist, a segment
in use by a channel plan cannot be deleted."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from chorus_planning.adapters.strategy_codecs import (
    ChannelPlanCodec,
    CompetitorCodec,
    FindingCodec,
    PartnershipCodec,
    SegmentCodec,
)
from chorus_planning.adapters.strategy_orm import ChannelPlanRow
from chorus_planning.domain.audience_segment import AudienceSegment
from chorus_planning.domain.channel_plan import ChannelPlan
from chorus_planning.domain.competitor import Competitor
from chorus_planning.domain.errors import (
    AudienceSegmentInUse,
    AudienceSegmentNotFound,
    ChannelPlanNotFound,
    CompetitorNotFound,
    PartnershipNotFound,
    ResearchFindingNotFound,
)
from chorus_planning.domain.partnership import Partnership
from chorus_planning.domain.research_finding import ResearchFinding
from chorus_planning.service.strategy_items import ItemKind, repository
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import FieldError, ValidationFailed

SEGMENTS = ItemKind(SegmentCodec(), AudienceSegment, AudienceSegmentNotFound, "audience segment")
COMPETITORS = ItemKind(CompetitorCodec(), Competitor, CompetitorNotFound, "competitor")
FINDINGS = ItemKind(FindingCodec(), ResearchFinding, ResearchFindingNotFound, "research finding")
CHANNEL_PLANS = ItemKind(ChannelPlanCodec(), ChannelPlan, ChannelPlanNotFound, "channel plan")
PARTNERSHIPS = ItemKind(PartnershipCodec(), Partnership, PartnershipNotFound, "partnership")


async def ensure_segment_exists(uow: UnitOfWork, brand_id: uuid.UUID, segment_id: uuid.UUID | None) -> None:
    """A channel plan names a segment of the same brand, or none."""
    if segment_id is None:
        return
    if await repository(uow, SEGMENTS).get(brand_id, segment_id) is None:
        message = "No audience segment of this brand has this id."
        raise ValidationFailed(
            "The channel plan is not valid.", field_errors=[FieldError("segment_id", message, "unknown_segment")]
        )


async def ensure_segment_unused(uow: UnitOfWork, segment_id: uuid.UUID) -> None:
    statement = select(func.count()).select_from(ChannelPlanRow).where(ChannelPlanRow.segment_id == segment_id)
    plans = (await uow.session.execute(statement)).scalar_one()
    if plans:
        raise AudienceSegmentInUse(f"{plans} channel plan(s) target this segment: change or remove them first.")
