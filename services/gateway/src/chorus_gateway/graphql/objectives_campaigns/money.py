"""Campaign money: the shared Money type in answers, whole minor units parsed from the strings clients send."""

from __future__ import annotations

from chorus_gateway.graphql.money import Money
from chorus_shared.errors import FieldError, ValidationFailed


def money(amount: int, currency: str) -> Money:
    return Money(amount_minor=str(amount), currency=currency)


def minor_units(value: str, field: str) -> int:
    """The integer a client sent as a string (GraphQL's Int stops at 2^31), or a field error naming where."""
    try:
        return int(value.strip())
    except ValueError as exc:
        error = FieldError(field, 'Give whole minor units, e.g. "1999" for 19.99.', "invalid_amount")
        raise ValidationFailed("Not an amount.", field_errors=[error]) from exc
