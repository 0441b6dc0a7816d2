"""GraphQL types of a brand's market research: audience segments and their personas, competitors, findings."""

from __future__ import annotations

from datetime import date, time

import strawberry

from chorus_gateway.graphql.brand_strategy.enums import AudienceFormat, Gender, Weekday
from chorus_gateway.graphql.brand_strategy.rest import (
    PlanningCompetitor,
    PlanningFinding,
    PlanningHandle,
    PlanningSegment,
)
from chorus_gateway.graphql.planning_calendar.enums import Network


@strawberry.type
class AudienceLocation:
    country: str = strawberry.field(description="ISO 3166 alpha-2 code, e.g. FR.")
    region: str | None
    city: str | None


@strawberry.type(description="A good local time to reach the segment, in the brand's timezone.")
class BestHour:
    weekday: Weekday | None = strawberry.field(description="Null: every day.")
    time: time


@strawberry.type(description="A fictional person who makes a segment concrete.")
class Persona:
    name: str
    description: str
    goals: list[str]
    pain_points: list[str]


@strawberry.type(description="Who the brand talks to: demographics, interests, networks, formats, best hours.")
class AudienceSegment:
    id: strawberry.ID
    brand_id: strawberry.ID
    version: int
    name: str
    description: str
    age_min: int | None
    age_max: int | None
    locations: list[AudienceLocation]
    genders: list[Gender]
    interests: list[str]
    networks: list[Network]
    preferred_formats: list[AudienceFormat]
    best_hours: list[BestHour]
    personas: list[Persona]

    @classmethod
    def of(cls, segment: PlanningSegment) -> AudienceSegment:
        return cls(
            id=strawberry.ID(str(segment.id)),
            brand_id=strawberry.ID(str(segment.brand_id)),
            version=segment.version,
            name=segment.name,
            description=segment.description,
            age_min=segment.age_min,
            age_max=segment.age_max,
            locations=[AudienceLocation(country=x.country, region=x.region, city=x.city) for x in segment.locations],
            genders=[Gender(g) for g in segment.genders],
            interests=segment.interests,
            networks=[Network(n) for n in segment.networks],
            preferred_formats=[AudienceFormat(f) for f in segment.preferred_formats],
            best_hours=[
                BestHour(weekday=Weekday(h.weekday) if h.weekday else None, time=time.fromisoformat(h.time))
                for h in segment.best_hours
            ],
            personas=[
                Persona(name=p.name, description=p.description, goals=p.goals, pain_points=p.pain_points)
                for p in segment.personas
            ],
        )


@strawberry.type(description="An account on one network, in its canonical form (listening follows it).")
class SocialHandle:
    network: Network
    handle: str

    @classmethod
    def of(cls, handle: PlanningHandle) -> SocialHandle:
        return cls(network=Network(handle.network), handle=handle.handle)


@strawberry.type(description="Another brand the client watches.")
class Competitor:
    id: strawberry.ID
    brand_id: strawberry.ID
    version: int
    name: str
    website: str | None
    handles: list[SocialHandle]
    notes: str

    @classmethod
    def of(cls, competitor: PlanningCompetitor) -> Competitor:
        return cls(
            id=strawberry.ID(str(competitor.id)),
            brand_id=strawberry.ID(str(competitor.brand_id)),
            version=competitor.version,
            name=competitor.name,
            website=competitor.website,
            handles=[SocialHandle.of(h) for h in competitor.handles],
            notes=competitor.notes,
        )


@strawberry.type(description="Something learnt about the market, with its source and the date it speaks for.")
class ResearchFinding:
    id: strawberry.ID
    brand_id: strawberry.ID
    version: int
    summary: str
    source_date: date
    source_url: str | None
    tags: list[str]

    @classmethod
    def of(cls, finding: PlanningFinding) -> ResearchFinding:
        return cls(
            id=strawberry.ID(str(finding.id)),
            brand_id=strawberry.ID(str(finding.brand_id)),
            version=finding.version,
            summary=finding.summary,
            source_date=finding.source_date,
            source_url=finding.source_url,
            tags=finding.tags,
        )
