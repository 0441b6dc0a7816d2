"""Competitor: another brand the client watches, with its accounts per network (listening follows them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlsplit

from chorus_planning.domain.brand_owned import BrandOwned
from chorus_planning.domain.field_checks import capped, long_text, member_of, text
from chorus_planning.domain.networks import Network, handle_example, normalise_handle
from chorus_shared.errors import FieldError, ValidationFailed
from chorus_shared.messaging.contracts.planning_research import (
    CompetitorCreatedV1,
    CompetitorDeletedV1,
    CompetitorUpdatedV1,
)


@dataclass(frozen=True)
class Handle:
    network: Network
    handle: str


@dataclass(frozen=True)
class CompetitorDetails:
    name: str
    website: str | None = None
    handles: tuple[Handle, ...] = ()
    notes: str = ""

    @classmethod
    def parse(cls, fields: dict[str, Any]) -> CompetitorDetails:
        errors: list[FieldError] = []
        details = cls(
            name=text(fields["name"], "name", errors, max_length=120, required=True),
            website=web_url(fields.get("website"), "website", errors),
            handles=parse_handles(fields.get("handles", ()), "handles", errors),
            notes=long_text(fields.get("notes", ""), "notes", errors, max_length=5000),
        )
        if errors:
            raise ValidationFailed("The competitor is not valid.", field_errors=errors)
        return details

    def event_fields(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "website": self.website,
            "handles": [{"network": h.network.value, "handle": h.handle} for h in self.handles],
            "notes": self.notes,
        }


class Competitor(BrandOwned[CompetitorDetails]):
    id_field: ClassVar[str] = "competitor_id"
    created_event = CompetitorCreatedV1
    updated_event = CompetitorUpdatedV1
    deleted_event = CompetitorDeletedV1


def parse_handles(values: Sequence[dict[str, Any]], path: str, errors: list[FieldError]) -> tuple[Handle, ...]:
    """Handles in their canonical form; the same account typed twice ("@Acme", "acme") is kept once."""
    found: list[Handle] = []
    for index, value in enumerate(capped(values, path, errors)):
        network = member_of(Network, str(value.get("network", "")), f"{path}.{index}.network", errors)
        if network is None:
            continue
        handle = normalise_handle(network, str(value.get("handle", "")))
        if handle is None:
            message = f"{value.get('handle')!r} is not a {network.value} handle, e.g. {handle_example(network)}."
            errors.append(FieldError(f"{path}.{index}.handle", message, "invalid_handle"))
            continue
        found.append(Handle(network, handle))
    return tuple(dict.fromkeys(found))


def web_url(value: str | None, path: str, errors: list[FieldError]) -> str | None:
    """An absolute http(s) URL, or None when empty."""
    clean = (value or "").strip()
    if not clean:
        return None
    parts = urlsplit(clean)
    if parts.scheme not in {"http", "https"} or "." not in parts.netloc or len(clean) > 2048:
        errors.append(FieldError(path, f"{clean!r} is not a web address such as https://example.com.", "invalid_url"))
    return clean
