"""Partnership: a brand or creator the client works with, its terms, linked campaigns, and where the deal stands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from chorus_planning.domain.brand_owned import BrandOwned
from chorus_planning.domain.competitor import Handle, parse_handles
from chorus_planning.domain.errors import PartnershipTransitionNotAllowed
from chorus_planning.domain.field_checks import long_text, member_of, text, unique_ids
from chorus_planning.domain.money import amount_errors, currency_errors
from chorus_shared.errors import FieldError, ValidationFailed
from chorus_shared.messaging.contracts.planning_partnerships import (
    PartnerKind,
    PartnershipCreatedV1,
    PartnershipStatus,
    PartnershipStatusChangedV1,
    PartnershipUpdatedV1,
)

# A deal is negotiated before it runs; talks may fall back to prospecting; ended is final.
ALLOWED_TRANSITIONS: dict[PartnershipStatus, frozenset[PartnershipStatus]] = {
    PartnershipStatus.PROSPECT: frozenset({PartnershipStatus.NEGOTIATING, PartnershipStatus.ENDED}),
    PartnershipStatus.NEGOTIATING: frozenset(
        {PartnershipStatus.PROSPECT, PartnershipStatus.ACTIVE, PartnershipStatus.ENDED}
    ),
    PartnershipStatus.ACTIVE: frozenset({PartnershipStatus.ENDED}),
    PartnershipStatus.ENDED: frozenset(),
}


@dataclass(frozen=True)
class Terms:
    summary: str = ""
    fee_amount_minor: int | None = None
    fee_currency: str | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None


@dataclass(frozen=True)
class PartnershipDetails:
    partner_name: str
    partner_kind: PartnerKind
    terms: Terms = Terms()
    partner_handles: tuple[Handle, ...] = ()
    campaign_ids: tuple[Any, ...] = ()

    @classmethod
    def parse(cls, fields: dict[str, Any]) -> PartnershipDetails:
        errors: list[FieldError] = []
        name = text(fields["partner_name"], "partner_name", errors, max_length=200, required=True)
        kind = member_of(PartnerKind, fields["partner_kind"], "partner_kind", errors)
        terms = _terms(fields.get("terms") or {}, errors)
        handles = parse_handles(fields.get("partner_handles", ()), "partner_handles", errors)
        campaign_ids = unique_ids(fields.get("campaign_ids", ()), "campaign_ids", errors)
        if errors or kind is None:
            raise ValidationFailed("The partnership is not valid.", field_errors=errors)
        return cls(name, kind, terms, handles, campaign_ids)

    def event_fields(self) -> dict[str, Any]:
        t = self.terms
        return {
            "partner_name": self.partner_name,
            "partner_kind": self.partner_kind,
            "terms": {
                "summary": t.summary,
                "fee_amount_minor": t.fee_amount_minor,
                "fee_currency": t.fee_currency,
                "starts_on": t.starts_on,
                "ends_on": t.ends_on,
            },
            "partner_handles": [{"network": h.network.value, "handle": h.handle} for h in self.partner_handles],
            "campaign_ids": list(self.campaign_ids),
        }


@dataclass
class Partnership(BrandOwned[PartnershipDetails]):
    status: PartnershipStatus = PartnershipStatus.PROSPECT

    id_field: ClassVar[str] = "partnership_id"
    created_event = PartnershipCreatedV1
    updated_event = PartnershipUpdatedV1
    # Partnerships are ended, not deleted: the history of a deal is worth keeping.
    deleted_event = PartnershipUpdatedV1

    def move_to(self, status: PartnershipStatus, *, note: str = "") -> None:
        if status == self.status:
            return
        if status not in ALLOWED_TRANSITIONS[self.status]:
            raise PartnershipTransitionNotAllowed(
                f"A partnership cannot go from {self.status.value} to {status.value}."
            )
        previous, self.status = self.status, status
        self.version += 1
        self.events.append(
            PartnershipStatusChangedV1(
                partnership_id=self.id,
                brand_id=self.brand_id,
                status=status,
                previous_status=previous,
                note=" ".join(note.split())[:2000],
            )
        )

    def delete(self) -> None:
        raise PartnershipTransitionNotAllowed("A partnership is ended, not deleted: move it to ended instead.")

    def snapshot(self) -> dict[str, Any]:
        return {**super().snapshot(), "status": self.status}


def _terms(fields: dict[str, Any], errors: list[FieldError]) -> Terms:
    summary = long_text(fields.get("summary") or "", "terms.summary", errors, max_length=10_000)
    amount, currency = fields.get("fee_amount_minor"), fields.get("fee_currency")
    if amount is not None:
        errors.extend(amount_errors("terms.fee_amount_minor", amount))
        if currency is None:
            errors.append(FieldError("terms.fee_currency", "A fee needs its currency.", "required"))
    if currency is not None:
        currency = str(currency).strip().upper()
        errors.extend(currency_errors("terms.fee_currency", currency))
        if amount is None:
            errors.append(FieldError("terms.fee_amount_minor", "A currency needs a fee amount.", "required"))
    starts_on, ends_on = fields.get("starts_on"), fields.get("ends_on")
    if starts_on is not None and ends_on is not None and ends_on < starts_on:
        errors.append(FieldError("terms.ends_on", "The partnership ends before it starts.", "out_of_order"))
    return Terms(summary, amount, currency, starts_on, ends_on)
