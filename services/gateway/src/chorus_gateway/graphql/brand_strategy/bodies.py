"""GraphQL inputs turned into planning's JSON bodies: snake_case keys, enum values, ISO dates; fields left out
(UNSET) are not sent, so a partial update changes only what the caller gave."""

from __future__ import annotations

import dataclasses
from datetime import date, time
from enum import Enum
from typing import Any

import strawberry

from chorus_shared.errors import FieldError, ValidationFailed


def request_body(given: object, skip: frozenset[str] = frozenset({"brand_id", "id"})) -> dict[str, Any]:
    return {
        key: _json(value) for key, value in vars(given).items() if key not in skip and value is not strawberry.UNSET
    }


def create_body(given: object) -> dict[str, Any]:
    """A create input's body; nulls are left out so that planning applies its defaults."""
    return {key: value for key, value in request_body(given).items() if value is not None}


def minor_units(value: str | None, field: str) -> int | None:
    """Minor units arrive as a decimal string (they may pass GraphQL's 32-bit Int)."""
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError as exc:
        error = FieldError(field, f"{value!r} is not a whole number of minor units, e.g. 150000.", "invalid")
        raise ValidationFailed("The amount is not valid.", field_errors=[error]) from exc


def _json(value: Any) -> Any:
    if isinstance(value, list):
        return [_json(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | time):
        return value.isoformat()
    if hasattr(value, "to_body"):
        return value.to_body()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return request_body(value, skip=frozenset())
    return value
