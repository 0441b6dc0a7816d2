"""Domain errors carry their HTTP meaning and a stable code; one handler renders them (see api/errors.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class FieldError:
    """One thing wrong with one input field. `field` is a dotted path, e.g. `variants.0.text`."""

    field: str
    message: str
    code: str = "invalid"


class ChorusError(Exception):
    """Base of every expected failure. Subclasses set `code` and `status_code`."""

    code: str = "error"
    status_code: int = 400

    def __init__(self, message: str, *, field_errors: Sequence[FieldError] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.field_errors: list[FieldError] = list(field_errors)


class ValidationFailed(ChorusError):
    code = "validation_failed"
    status_code = 422


class NotFound(ChorusError):
    code = "not_found"
    status_code = 404


class Conflict(ChorusError):
    code = "conflict"
    status_code = 409


class Unauthenticated(ChorusError):
    code = "unauthenticated"
    status_code = 401


class Forbidden(ChorusError):
    code = "forbidden"
    status_code = 403


@dataclass
class ErrorBody:
    """The JSON shape of every error response: `{"error": {"code", "message", "fields": [...]}}`."""

    code: str
    message: str
    fields: list[FieldError] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "error": {
                "code": self.code,
                "message": self.message,
                "fields": [{"field": f.field, "message": f.message, "code": f.code} for f in self.fields],
            }
        }
