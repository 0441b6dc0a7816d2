"""Money in the schema: integer minor units as a string (amounts may pass GraphQL's 32-bit Int) and an ISO currency."""

from __future__ import annotations

import strawberry


@strawberry.type(description="An amount in integer minor units (cents for EUR) of an ISO 4217 currency.")
class Money:
    amount_minor: str = strawberry.field(description="Integer minor units as a decimal string, e.g. 150000.")
    currency: str = strawberry.field(description="ISO 4217 code, e.g. EUR.")

    @classmethod
    def of(cls, amount_minor: int | None, currency: str | None) -> Money | None:
        if amount_minor is None or currency is None:
            return None
        return cls(amount_minor=str(amount_minor), currency=currency)
