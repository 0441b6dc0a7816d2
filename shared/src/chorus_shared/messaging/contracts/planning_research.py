"""Events about a brand's market research on `chorus.planning`: audience segments, competitors, findings.

Listening keeps competitors' handles to follow them; the other services may keep segments to label results.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from chorus_shared.messaging.contracts.base import EventPayload


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class LocationData(_Data):
    country: str = Field(description="ISO 3166-1 alpha-2 code, e.g. FR.")
    region: str | None = None
    city: str | None = None


class BestHourData(_Data):
    weekday: str | None = Field(default=None, description="mon..sun; none means every day.")
    time: dt.time = Field(description="Local time in the brand's timezone.")


class PersonaData(_Data):
    name: str
    description: str = ""
    goals: list[str] = Field(default_factory=list)
    pain_points: list[str] = Field(default_factory=list)


class AudienceSegmentSnapshot(EventPayload):
    segment_id: uuid.UUID
    brand_id: uuid.UUID
    name: str
    description: str = ""
    age_min: int | None = None
    age_max: int | None = None
    locations: list[LocationData] = Field(default_factory=list)
    genders: list[str] = Field(default_factory=list, description="Empty means every gender.")
    interests: list[str] = Field(default_factory=list)
    networks: list[str] = Field(default_factory=list)
    preferred_formats: list[str] = Field(default_factory=list)
    best_hours: list[BestHourData] = Field(default_factory=list)
    personas: list[PersonaData] = Field(default_factory=list)
    version: int = Field(ge=1)


class AudienceSegmentCreatedV1(AudienceSegmentSnapshot):
    event_type: ClassVar[str] = "chorus.planning.audience_segment.created.v1"


class AudienceSegmentUpdatedV1(AudienceSegmentSnapshot):
    event_type: ClassVar[str] = "chorus.planning.audience_segment.updated.v1"


class AudienceSegmentDeletedV1(EventPayload):
    event_type: ClassVar[str] = "chorus.planning.audience_segment.deleted.v1"

    segment_id: uuid.UUID
    brand_id: uuid.UUID


class HandleData(_Data):
    network: str
    handle: str = Field(description="Canonical form: lower case, no leading @ (except YouTube's @handle).")


class CompetitorSnapshot(EventPayload):
    competitor_id: uuid.UUID
    brand_id: uuid.UUID
    name: str
    website: str | None = None
    handles: list[HandleData] = Field(default_factory=list)
    notes: str = ""
    version: int = Field(ge=1)


class CompetitorCreatedV1(CompetitorSnapshot):
    event_type: ClassVar[str] = "chorus.planning.competitor.created.v1"


class CompetitorUpdatedV1(CompetitorSnapshot):
    event_type: ClassVar[str] = "chorus.planning.competitor.updated.v1"


class CompetitorDeletedV1(EventPayload):
    event_type: ClassVar[str] = "chorus.planning.competitor.deleted.v1"

    competitor_id: uuid.UUID
    brand_id: uuid.UUID


class ResearchFindingSnapshot(EventPayload):
    finding_id: uuid.UUID
    brand_id: uuid.UUID
    summary: str
    source_url: str | None = None
    source_date: dt.date
    tags: list[str] = Field(default_factory=list)
    version: int = Field(ge=1)


class ResearchFindingRecordedV1(ResearchFindingSnapshot):
    event_type: ClassVar[str] = "chorus.planning.research_finding.recorded.v1"


class ResearchFindingUpdatedV1(ResearchFindingSnapshot):
    event_type: ClassVar[str] = "chorus.planning.research_finding.updated.v1"


class ResearchFindingDeletedV1(EventPayload):
    event_type: ClassVar[str] = "chorus.planning.research_finding.deleted.v1"

    finding_id: uuid.UUID
    brand_id: uuid.UUID
