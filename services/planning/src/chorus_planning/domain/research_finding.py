"""Research finding: something learnt about the market, with its source and the date the source speaks for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from chorus_planning.domain.brand_owned import BrandOwned
from chorus_planning.domain.competitor import web_url
from chorus_planning.domain.field_checks import capped, long_text
from chorus_shared.errors import FieldError, ValidationFailed
from chorus_shared.messaging.contracts.planning_research import (
    ResearchFindingDeletedV1,
    ResearchFindingRecordedV1,
    ResearchFindingUpdatedV1,
)

TAG_MAX = 40


@dataclass(frozen=True)
class FindingDetails:
    summary: str
    source_date: dt.date
    source_url: str | None = None
    tags: tuple[str, ...] = ()

    @classmethod
    def parse(cls, fields: dict[str, Any], *, today: dt.date) -> FindingDetails:
        """`today` is the caller's date: a source cannot speak for a day that has not come yet."""
        errors: list[FieldError] = []
        source_date = fields["source_date"]
        if source_date > today:
            errors.append(FieldError("source_date", "A source cannot be dated in the future.", "in_future"))
        details = cls(
            summary=long_text(fields["summary"], "summary", errors, max_length=5000, required=True),
            source_date=source_date,
            source_url=web_url(fields.get("source_url"), "source_url", errors),
            tags=_tags(fields.get("tags", ()), errors),
        )
        if errors:
            raise ValidationFailed("The research finding is not valid.", field_errors=errors)
        return details

    def event_fields(self) -> dict[str, Any]:
        return {
            "summary": self.summary,
            "source_date": self.source_date,
            "source_url": self.source_url,
            "tags": list(self.tags),
        }


class ResearchFinding(BrandOwned[FindingDetails]):
    id_field: ClassVar[str] = "finding_id"
    created_event = ResearchFindingRecordedV1
    updated_event = ResearchFindingUpdatedV1
    deleted_event = ResearchFindingDeletedV1


def _tags(values: list[str] | tuple[str, ...], errors: list[FieldError]) -> tuple[str, ...]:
    """Tags are lower-case, hyphenated words ("gen-z", "pricing") so that filters find them however typed."""
    kept: list[str] = []
    for index, value in enumerate(capped(values, "tags", errors, max_items=20)):
        tag = "-".join(value.lower().split())
        if not tag or len(tag) > TAG_MAX:
            errors.append(FieldError(f"tags.{index}", f"A tag has 1 to {TAG_MAX} characters.", "invalid"))
        elif tag not in kept:
            kept.append(tag)
    return tuple(kept)
