"""Input rules for identity commands; each returns field errors rather than raising, for GraphQL result unions."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

from chorus_shared.auth.roles import Role, parse_role
from chorus_shared.errors import FieldError

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256
MAX_NAME_LENGTH = 200
# Deliberately simple: one @, a dot in the domain, no spaces. Deliverability is proven by use, not by regex.
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}$")


def normalize_email(email: str) -> str:
    return email.strip().lower()


def email_errors(field: str, email: str) -> list[FieldError]:
    if len(email) > 320 or not _EMAIL.match(normalize_email(email)):
        return [FieldError(field, "Enter a valid email address.", "invalid_email")]
    return []


def password_errors(field: str, password: str) -> list[FieldError]:
    if len(password) < MIN_PASSWORD_LENGTH:
        return [FieldError(field, f"Use at least {MIN_PASSWORD_LENGTH} characters.", "password_too_short")]
    if len(password) > MAX_PASSWORD_LENGTH:
        return [FieldError(field, f"Use at most {MAX_PASSWORD_LENGTH} characters.", "password_too_long")]
    return []


def name_errors(field: str, name: str) -> list[FieldError]:
    if not name.strip():
        return [FieldError(field, "This cannot be empty.", "required")]
    if len(name) > MAX_NAME_LENGTH:
        return [FieldError(field, f"Use at most {MAX_NAME_LENGTH} characters.", "too_long")]
    return []


def role_or_errors(field: str, value: str) -> tuple[Role | None, list[FieldError]]:
    role = parse_role(value)
    if role is None:
        known = ", ".join(r.value for r in Role)
        return None, [FieldError(field, f"Unknown role {value!r}; use one of: {known}.", "unknown_role")]
    return role, []


def brand_scope_or_errors(field: str, values: Sequence[str] | None) -> tuple[list[uuid.UUID] | None, list[FieldError]]:
    """None keeps every brand; a list must hold brand ids (UUIDs)."""
    if values is None:
        return None, []
    brands: list[uuid.UUID] = []
    for index, value in enumerate(values):
        try:
            brands.append(uuid.UUID(value))
        except ValueError:
            return None, [FieldError(f"{field}.{index}", "Not a brand id.", "invalid_id")]
    return sorted(set(brands)), []
