"""Audience segment: who the brand talks to (demographics, interests, networks, formats, best local hours) and
the personas that make the segment concrete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

from chorus_planning.domain.brand_owned import BrandOwned
from chorus_planning.domain.countries import ISO_3166_ALPHA_2
from chorus_planning.domain.field_checks import capped, member_of, members_of, text, texts
from chorus_planning.domain.networks import Network
from chorus_shared.errors import FieldError, ValidationFailed
from chorus_shared.messaging.contracts.planning_research import (
    AudienceSegmentCreatedV1,
    AudienceSegmentDeletedV1,
    AudienceSegmentUpdatedV1,
)

AGE_MIN, AGE_MAX = 13, 120  # networks do not serve children under 13


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    NON_BINARY = "non_binary"


class ContentFormat(StrEnum):
    TEXT = "text"
    IMAGE = "image"
    CAROUSEL = "carousel"
    SHORT_VIDEO = "short_video"
    LONG_VIDEO = "long_video"
    STORY = "story"
    LIVE = "live"
    ARTICLE = "article"
    POLL = "poll"
    AUDIO = "audio"


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


@dataclass(frozen=True)
class Location:
    country: str
    region: str | None = None
    city: str | None = None


@dataclass(frozen=True)
class BestHour:
    """A local time in the brand's timezone, on one weekday or (weekday None) every day."""

    time: dt.time
    weekday: Weekday | None = None


@dataclass(frozen=True)
class Persona:
    name: str
    description: str = ""
    goals: tuple[str, ...] = ()
    pain_points: tuple[str, ...] = ()


@dataclass(frozen=True)
class SegmentDetails:
    name: str
    description: str = ""
    age_min: int | None = None
    age_max: int | None = None
    locations: tuple[Location, ...] = ()
    genders: tuple[Gender, ...] = ()
    interests: tuple[str, ...] = ()
    networks: tuple[Network, ...] = ()
    preferred_formats: tuple[ContentFormat, ...] = ()
    best_hours: tuple[BestHour, ...] = ()
    personas: tuple[Persona, ...] = ()

    @classmethod
    def parse(cls, fields: dict[str, Any]) -> SegmentDetails:
        """Validated details from plain values (what the API and the database hold)."""
        errors: list[FieldError] = []
        details = cls(
            name=text(fields["name"], "name", errors, max_length=120, required=True),
            description=text(fields.get("description", ""), "description", errors, max_length=2000),
            age_min=_age(fields.get("age_min"), "age_min", errors),
            age_max=_age(fields.get("age_max"), "age_max", errors),
            locations=_locations(fields.get("locations", ()), errors),
            genders=members_of(Gender, fields.get("genders", ()), "genders", errors),
            interests=texts(fields.get("interests", ()), "interests", errors, max_length=100),
            networks=members_of(Network, fields.get("networks", ()), "networks", errors),
            preferred_formats=members_of(
                ContentFormat, fields.get("preferred_formats", ()), "preferred_formats", errors
            ),
            best_hours=_best_hours(fields.get("best_hours", ()), errors),
            personas=_personas(fields.get("personas", ()), errors),
        )
        if details.age_min is not None and details.age_max is not None and details.age_min > details.age_max:
            errors.append(FieldError("age_max", "The age range ends before it starts.", "out_of_order"))
        if errors:
            raise ValidationFailed("The audience segment is not valid.", field_errors=errors)
        return details

    def event_fields(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "age_min": self.age_min,
            "age_max": self.age_max,
            "locations": [{"country": x.country, "region": x.region, "city": x.city} for x in self.locations],
            "genders": [g.value for g in self.genders],
            "interests": list(self.interests),
            "networks": [n.value for n in self.networks],
            "preferred_formats": [f.value for f in self.preferred_formats],
            "best_hours": [
                {"weekday": h.weekday.value if h.weekday else None, "time": h.time.strftime("%H:%M")}
                for h in self.best_hours
            ],
            "personas": [
                {
                    "name": p.name,
                    "description": p.description,
                    "goals": list(p.goals),
                    "pain_points": list(p.pain_points),
                }
                for p in self.personas
            ],
        }


class AudienceSegment(BrandOwned[SegmentDetails]):
    id_field: ClassVar[str] = "segment_id"
    created_event = AudienceSegmentCreatedV1
    updated_event = AudienceSegmentUpdatedV1
    deleted_event = AudienceSegmentDeletedV1


def _age(value: int | None, path: str, errors: list[FieldError]) -> int | None:
    if value is not None and not AGE_MIN <= value <= AGE_MAX:
        errors.append(FieldError(path, f"An age is between {AGE_MIN} and {AGE_MAX}.", "out_of_range"))
    return value


def _locations(values: Sequence[dict[str, Any]], errors: list[FieldError]) -> tuple[Location, ...]:
    found: list[Location] = []
    for index, value in enumerate(capped(values, "locations", errors)):
        path = f"locations.{index}"
        country = str(value.get("country", "")).strip().upper()
        if country not in ISO_3166_ALPHA_2:
            errors.append(FieldError(f"{path}.country", f"{country!r} is not an ISO 3166 code such as FR.", "invalid"))
        region = text(value.get("region") or "", f"{path}.region", errors, max_length=100) or None
        city = text(value.get("city") or "", f"{path}.city", errors, max_length=100) or None
        found.append(Location(country, region, city))
    return tuple(dict.fromkeys(found))


def _best_hours(values: Sequence[dict[str, Any]], errors: list[FieldError]) -> tuple[BestHour, ...]:
    found: list[BestHour] = []
    for index, value in enumerate(capped(values, "best_hours", errors)):
        path = f"best_hours.{index}"
        weekday = value.get("weekday")
        day = None if weekday is None else member_of(Weekday, weekday, f"{path}.weekday", errors)
        at = _local_time(value.get("time"), f"{path}.time", errors)
        if at is not None:
            found.append(BestHour(at, day))
    return tuple(sorted(dict.fromkeys(found), key=_hour_order))


def _hour_order(hour: BestHour) -> tuple[int, dt.time]:
    """Every-day hours first, then by weekday from Monday, then by time."""
    day = -1 if hour.weekday is None else list(Weekday).index(hour.weekday)
    return day, hour.time


def _local_time(value: object, path: str, errors: list[FieldError]) -> dt.time | None:
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    try:
        return dt.time.fromisoformat(str(value)).replace(second=0, microsecond=0, tzinfo=None)
    except ValueError:
        errors.append(FieldError(path, f"{value!r} is not a local time such as 18:30.", "invalid"))
        return None


def _personas(values: Sequence[dict[str, Any]], errors: list[FieldError]) -> tuple[Persona, ...]:
    found: list[Persona] = []
    for index, value in enumerate(capped(values, "personas", errors, max_items=20)):
        path = f"personas.{index}"
        found.append(
            Persona(
                name=text(value.get("name", ""), f"{path}.name", errors, max_length=120, required=True),
                description=text(value.get("description", ""), f"{path}.description", errors, max_length=2000),
                goals=texts(value.get("goals", ()), f"{path}.goals", errors, max_length=300),
                pain_points=texts(value.get("pain_points", ()), f"{path}.pain_points", errors, max_length=300),
            )
        )
    return tuple(found)
