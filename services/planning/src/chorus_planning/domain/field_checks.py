"""Small input checks the strategy aggregates share; each appends a FieldError instead of raising, so that one
ValidationFailed can report every problem of a request at once."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from enum import StrEnum
from typing import TypeVar

from chorus_shared.errors import FieldError

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


def member_of(kind: type[E], value: str, path: str, errors: list[FieldError]) -> E | None:
    """`value` as a member of the vocabulary `kind`, or None with an `invalid` error listing the choices."""
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        errors.append(FieldError(path, f"{value!r} is not one of {choices}.", "invalid"))
        return None


def members_of(kind: type[E], values: Sequence[str], path: str, errors: list[FieldError]) -> tuple[E, ...]:
    """Each value as a member of `kind`, duplicates dropped, in the order given."""
    found = [member_of(kind, value, f"{path}.{i}", errors) for i, value in enumerate(capped(values, path, errors))]
    return tuple(dict.fromkeys(member for member in found if member is not None))


def text(value: str, path: str, errors: list[FieldError], *, max_length: int, required: bool = False) -> str:
    """`value` with runs of whitespace collapsed; a `required` or `too_long` error when it does not fit."""
    clean = " ".join(value.split())
    if required and not clean:
        errors.append(FieldError(path, "This field is required.", "required"))
    elif len(clean) > max_length:
        errors.append(FieldError(path, f"At most {max_length} characters.", "too_long"))
    return clean


def long_text(value: str, path: str, errors: list[FieldError], *, max_length: int, required: bool = False) -> str:
    """Like `text` but keeps line breaks (notes, rationales): only the ends are trimmed."""
    clean = value.strip()
    if required and not clean:
        errors.append(FieldError(path, "This field is required.", "required"))
    elif len(clean) > max_length:
        errors.append(FieldError(path, f"At most {max_length} characters.", "too_long"))
    return clean


def texts(
    values: Sequence[str], path: str, errors: list[FieldError], *, max_length: int, max_items: int = 50
) -> tuple[str, ...]:
    """Non-empty entries, each checked; duplicates (ignoring case) kept once."""
    kept: dict[str, str] = {}
    for index, value in enumerate(capped(values, path, errors, max_items=max_items)):
        clean = text(value, f"{path}.{index}", errors, max_length=max_length, required=True)
        kept.setdefault(clean.casefold(), clean)
    return tuple(kept.values())


def capped(values: Sequence[T], path: str, errors: list[FieldError], *, max_items: int = 50) -> Sequence[T]:
    if len(values) > max_items:
        errors.append(FieldError(path, f"At most {max_items} entries.", "too_many"))
        return values[:max_items]
    return values


def unique_ids(values: Sequence[uuid.UUID], path: str, errors: list[FieldError]) -> tuple[uuid.UUID, ...]:
    return tuple(dict.fromkeys(capped(values, path, errors, max_items=100)))
