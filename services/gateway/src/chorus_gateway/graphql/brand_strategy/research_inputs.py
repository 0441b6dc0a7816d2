"""Inputs of a brand's market research. Update inputs change only the fields sent; an optional field sent as null
is cleared."""

from __future__ import annotations

from datetime import date, time

import strawberry

from chorus_gateway.graphql.brand_strategy.enums import AudienceFormat, Gender, Weekday
from chorus_gateway.graphql.planning_calendar.enums import Network


@strawberry.input
class AudienceLocationInput:
    country: str = strawberry.field(description="ISO 3166 alpha-2 code, e.g. FR.")
    region: str | None = None
    city: str | None = None


@strawberry.input
class BestHourInput:
    time: time = strawberry.field(description="Local time in the brand's timezone, e.g. 18:30.")
    weekday: Weekday | None = strawberry.field(default=None, description="Null: every day.")


@strawberry.input
class PersonaInput:
    name: str
    description: str = ""
    goals: list[str] = strawberry.field(default_factory=list)
    pain_points: list[str] = strawberry.field(default_factory=list)


@strawberry.input
class CreateAudienceSegmentInput:
    brand_id: strawberry.ID
    name: str
    description: str = ""
    age_min: int | None = None
    age_max: int | None = None
    locations: list[AudienceLocationInput] = strawberry.field(default_factory=list)
    genders: list[Gender] = strawberry.field(default_factory=list)
    interests: list[str] = strawberry.field(default_factory=list)
    networks: list[Network] = strawberry.field(default_factory=list)
    preferred_formats: list[AudienceFormat] = strawberry.field(default_factory=list)
    best_hours: list[BestHourInput] = strawberry.field(default_factory=list)
    personas: list[PersonaInput] = strawberry.field(default_factory=list)


@strawberry.input(description="Fields left out are unchanged; a list sent replaces the list (personas included).")
class UpdateAudienceSegmentInput:
    brand_id: strawberry.ID
    id: strawberry.ID
    name: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    age_min: int | None = strawberry.UNSET
    age_max: int | None = strawberry.UNSET
    locations: list[AudienceLocationInput] | None = strawberry.UNSET
    genders: list[Gender] | None = strawberry.UNSET
    interests: list[str] | None = strawberry.UNSET
    networks: list[Network] | None = strawberry.UNSET
    preferred_formats: list[AudienceFormat] | None = strawberry.UNSET
    best_hours: list[BestHourInput] | None = strawberry.UNSET
    personas: list[PersonaInput] | None = strawberry.UNSET


@strawberry.input
class SocialHandleInput:
    network: Network
    handle: str = strawberry.field(description="e.g. acme@mastodon.social, acme.bsky.social, company/acme.")


@strawberry.input
class CreateCompetitorInput:
    brand_id: strawberry.ID
    name: str
    website: str | None = None
    handles: list[SocialHandleInput] = strawberry.field(default_factory=list)
    notes: str = ""


@strawberry.input(description="Fields left out are unchanged; website sent as null is cleared.")
class UpdateCompetitorInput:
    brand_id: strawberry.ID
    id: strawberry.ID
    name: str | None = strawberry.UNSET
    website: str | None = strawberry.UNSET
    handles: list[SocialHandleInput] | None = strawberry.UNSET
    notes: str | None = strawberry.UNSET


@strawberry.input
class CreateResearchFindingInput:
    brand_id: strawberry.ID
    summary: str
    source_date: date = strawberry.field(description="The day the source speaks for; not in the future.")
    source_url: str | None = None
    tags: list[str] = strawberry.field(default_factory=list)


@strawberry.input(description="Fields left out are unchanged; sourceUrl sent as null is cleared.")
class UpdateResearchFindingInput:
    brand_id: strawberry.ID
    id: strawberry.ID
    summary: str | None = strawberry.UNSET
    source_date: date | None = strawberry.UNSET
    source_url: str | None = strawberry.UNSET
    tags: list[str] | None = strawberry.UNSET
