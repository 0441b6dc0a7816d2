"""How each strategy item maps to its table's columns (nested values go to JSONB in their event-data shape)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from chorus_planning.adapters.strategy_orm import (
    AudienceSegmentRow,
    ChannelPlanRow,
    CompetitorRow,
    PartnershipRow,
    ResearchFindingRow,
)
from chorus_planning.domain.audience_segment import (
    AudienceSegment,
    BestHour,
    ContentFormat,
    Gender,
    Location,
    Persona,
    SegmentDetails,
    Weekday,
)
from chorus_planning.domain.channel_plan import ChannelPlan, ChannelPlanDetails
from chorus_planning.domain.competitor import Competitor, CompetitorDetails, Handle
from chorus_planning.domain.networks import Network
from chorus_planning.domain.partnership import Partnership, PartnershipDetails, Terms
from chorus_planning.domain.research_finding import FindingDetails, ResearchFinding
from chorus_shared.messaging.contracts.planning_partnerships import PartnerKind, PartnershipStatus


def _ids(row: Any) -> dict[str, Any]:
    return {"id": row.id, "tenant_id": row.tenant_id, "brand_id": row.brand_id, "version": row.version}


def _handles(rows: list[dict[str, Any]]) -> tuple[Handle, ...]:
    return tuple(Handle(Network(h["network"]), h["handle"]) for h in rows)


class SegmentCodec:
    row = AudienceSegmentRow

    def columns(self, item: AudienceSegment) -> dict[str, Any]:
        return item.details.event_fields()

    def item(self, row: AudienceSegmentRow) -> AudienceSegment:
        details = SegmentDetails(
            name=row.name,
            description=row.description,
            age_min=row.age_min,
            age_max=row.age_max,
            locations=tuple(Location(x["country"], x.get("region"), x.get("city")) for x in row.locations),
            genders=tuple(Gender(g) for g in row.genders),
            interests=tuple(row.interests),
            networks=tuple(Network(n) for n in row.networks),
            preferred_formats=tuple(ContentFormat(f) for f in row.preferred_formats),
            best_hours=tuple(
                BestHour(dt.time.fromisoformat(h["time"]), Weekday(h["weekday"]) if h.get("weekday") else None)
                for h in row.best_hours
            ),
            personas=tuple(
                Persona(p["name"], p.get("description", ""), tuple(p.get("goals", ())), tuple(p.get("pain_points", ())))
                for p in row.personas
            ),
        )
        return AudienceSegment(**_ids(row), details=details)


class CompetitorCodec:
    row = CompetitorRow

    def columns(self, item: Competitor) -> dict[str, Any]:
        return item.details.event_fields()

    def item(self, row: CompetitorRow) -> Competitor:
        details = CompetitorDetails(row.name, row.website, _handles(row.handles), row.notes)
        return Competitor(**_ids(row), details=details)


class FindingCodec:
    row = ResearchFindingRow

    def columns(self, item: ResearchFinding) -> dict[str, Any]:
        return item.details.event_fields()

    def item(self, row: ResearchFindingRow) -> ResearchFinding:
        details = FindingDetails(row.summary, row.source_date, row.source_url, tuple(row.tags))
        return ResearchFinding(**_ids(row), details=details)


class ChannelPlanCodec:
    row = ChannelPlanRow

    def columns(self, item: ChannelPlan) -> dict[str, Any]:
        return item.details.event_fields()

    def item(self, row: ChannelPlanRow) -> ChannelPlan:
        details = ChannelPlanDetails(
            Network(row.network), row.rationale, row.campaign_id, row.segment_id, row.objective_id
        )
        return ChannelPlan(**_ids(row), details=details)


class PartnershipCodec:
    row = PartnershipRow

    def columns(self, item: Partnership) -> dict[str, Any]:
        fields = item.details.event_fields()
        terms = fields["terms"]
        for key in ("starts_on", "ends_on"):
            terms[key] = terms[key].isoformat() if terms[key] else None
        return {**fields, "partner_kind": item.details.partner_kind.value, "status": item.status.value}

    def item(self, row: PartnershipRow) -> Partnership:
        t = row.terms
        terms = Terms(
            t.get("summary", ""),
            t.get("fee_amount_minor"),
            t.get("fee_currency"),
            dt.date.fromisoformat(t["starts_on"]) if t.get("starts_on") else None,
            dt.date.fromisoformat(t["ends_on"]) if t.get("ends_on") else None,
        )
        details = PartnershipDetails(
            row.partner_name,
            PartnerKind(row.partner_kind),
            terms,
            _handles(row.partner_handles),
            tuple(row.campaign_ids),
        )
        return Partnership(**_ids(row), details=details, status=PartnershipStatus(row.status))
