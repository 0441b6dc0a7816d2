"""Rules of strategy items: handles per network, partnership transitions, finding dates."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from chorus_planning.domain.errors import PartnershipTransitionNotAllowed
from chorus_planning.domain.networks import Network, normalise_handle
from chorus_planning.domain.partnership import Partnership, PartnershipDetails
from chorus_planning.domain.research_finding import FindingDetails
from chorus_shared.errors import ValidationFailed
from chorus_shared.messaging.contracts.planning_partnerships import PartnershipStatus, PartnershipStatusChangedV1


@pytest.mark.parametrize(
    ("network", "typed", "canonical"),
    [
        (Network.MASTODON, "@Acme@Mastodon.social", "acme@mastodon.social"),
        (Network.X, "@Acme_1", "acme_1"),
        (Network.X, "sixteen_chars_xx", None),
        (Network.INSTAGRAM, "acme..paris", None),
        (Network.LINKEDIN, "company/acme", "company/acme"),
        (Network.YOUTUBE, "@Acme", "@acme"),
        (Network.BLUESKY, "acme.bsky.social", "acme.bsky.social"),
    ],
)
def test_handles_are_checked_and_normalised_per_network(network: Network, typed: str, canonical: str | None) -> None:
    assert normalise_handle(network, typed) == canonical


def test_a_partnership_moves_only_along_allowed_transitions() -> None:
    details = PartnershipDetails.parse({"partner_name": "Studio Nord", "partner_kind": "creator"})
    deal = Partnership.create(tenant_id=uuid.uuid4(), brand_id=uuid.uuid4(), details=details)
    with pytest.raises(PartnershipTransitionNotAllowed):
        deal.move_to(PartnershipStatus.ACTIVE)
    deal.move_to(PartnershipStatus.NEGOTIATING)
    deal.move_to(PartnershipStatus.ACTIVE)
    deal.move_to(PartnershipStatus.ENDED)
    with pytest.raises(PartnershipTransitionNotAllowed):
        deal.move_to(PartnershipStatus.PROSPECT)
    changes = [e for e in deal.events if isinstance(e, PartnershipStatusChangedV1)]
    assert [(e.previous_status, e.status) for e in changes][-1] == (PartnershipStatus.ACTIVE, PartnershipStatus.ENDED)


def test_partnership_terms_refuse_negative_fees_unknown_currencies_and_reversed_dates() -> None:
    terms = {
        "fee_amount_minor": -5,
        "fee_currency": "XYZ",
        "starts_on": dt.date(2026, 5, 1),
        "ends_on": dt.date(2026, 4, 1),
    }
    with pytest.raises(ValidationFailed) as failure:
        PartnershipDetails.parse({"partner_name": "Nord", "partner_kind": "brand", "terms": terms})
    assert {e.field for e in failure.value.field_errors} == {
        "terms.fee_amount_minor",
        "terms.fee_currency",
        "terms.ends_on",
    }


def test_a_finding_cannot_cite_a_source_from_the_future() -> None:
    today = dt.date(2026, 1, 10)
    with pytest.raises(ValidationFailed) as failure:
        FindingDetails.parse({"summary": "x", "source_date": dt.date(2026, 1, 11)}, today=today)
    assert [e.code for e in failure.value.field_errors] == ["in_future"]


def test_a_partnership_is_ended_not_deleted() -> None:
    details = PartnershipDetails.parse({"partner_name": "Nord", "partner_kind": "brand"})
    deal = Partnership.create(tenant_id=uuid.uuid4(), brand_id=uuid.uuid4(), details=details)
    with pytest.raises(PartnershipTransitionNotAllowed):
        deal.delete()
