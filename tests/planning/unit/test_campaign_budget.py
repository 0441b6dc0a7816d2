"""The campaign's budget rules and the 80% / 100% threshold events, each announced once per crossing."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from chorus_planning.domain.campaign import Campaign
from chorus_planning.domain.errors import CampaignClosed, CampaignCurrencyLocked, CampaignStatusTransitionRefused
from chorus_shared.errors import ValidationFailed
from chorus_shared.messaging.contracts.planning_campaigns import (
    CampaignBudgetThresholdReachedV1,
    CampaignCreatedV1,
    CampaignSpendRecordedV1,
)

JUNE = dt.date(2026, 6, 1)


def _campaign(budget: int = 10_000, lines: dict[str, int] | None = None) -> Campaign:
    campaign = Campaign.create(
        tenant_id=uuid.uuid4(),
        brand_id=uuid.uuid4(),
        name=" Summer  launch ",
        start_date=JUNE,
        end_date=dt.date(2026, 6, 30),
        objective_ids=[],
        channels=["instagram", "tiktok", "instagram"],
        budget=budget,
        currency="EUR",
        lines={"paid_ads": 5_000, "content_production": 3_000} if lines is None else lines,
    )
    campaign.events.clear()
    return campaign


def _spend(campaign: Campaign, amount: int, line: str = "paid_ads") -> list[tuple[str, str | None, int]]:
    """Record spend; the thresholds it announced as (scope, line, threshold)."""
    campaign.record_spend(line=line, amount=amount, currency="EUR", spent_on=JUNE, note="")
    reached = [e for e in campaign.events if isinstance(e, CampaignBudgetThresholdReachedV1)]
    campaign.events.clear()
    return [(e.scope, e.line, e.threshold) for e in reached]


def _fields(failure: pytest.ExceptionInfo[ValidationFailed]) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in failure.value.field_errors}


def test_a_new_campaign_is_a_draft_with_its_name_normalised_and_channels_deduplicated() -> None:
    campaign = Campaign.create(
        tenant_id=uuid.uuid4(),
        brand_id=uuid.uuid4(),
        name=" Summer  launch ",
        start_date=JUNE,
        end_date=JUNE,
        objective_ids=[],
        channels=["instagram", "instagram"],
        budget=0,
        currency="JPY",
        lines={},
    )
    assert (campaign.name, campaign.channels, campaign.status.value) == ("Summer launch", ["instagram"], "draft")
    assert [type(e) for e in campaign.events] == [CampaignCreatedV1]


def test_bad_plan_and_money_are_refused_field_by_field() -> None:
    with pytest.raises(ValidationFailed) as failure:
        Campaign.create(
            tenant_id=uuid.uuid4(),
            brand_id=uuid.uuid4(),
            name="",
            start_date=dt.date(2026, 7, 1),
            end_date=JUNE,
            objective_ids=[],
            channels=["myspace"],
            budget=-1,
            currency="EURO",
            lines={"paid_ads": -5, "catering": 10},
        )
    assert _fields(failure) == {
        ("name", "required"),
        ("end_date", "dates_out_of_order"),
        ("channels.0", "unknown_network"),
        ("budget", "negative"),
        ("currency", "unknown_currency"),
        ("lines.paid_ads", "negative"),
        ("lines.catering", "unknown_activity"),
    }


def test_lines_may_not_add_up_to_more_than_the_budget() -> None:
    with pytest.raises(ValidationFailed) as failure:
        _campaign(budget=1_000, lines={"paid_ads": 600, "tools": 401})
    assert _fields(failure) == {("lines", "lines_over_budget")}
    assert _campaign(budget=1_000, lines={"paid_ads": 600, "tools": 400}).remaining == 1_000


def test_a_line_announces_80_then_100_once_each() -> None:
    campaign = _campaign()
    assert _spend(campaign, 3_999) == []
    assert _spend(campaign, 1) == [("line", "paid_ads", 80)]
    assert _spend(campaign, 500) == []
    assert _spend(campaign, 500) == [("line", "paid_ads", 100)]
    assert _spend(campaign, 1) == []
    assert campaign.lines["paid_ads"].remaining == -1


def test_the_campaign_announces_its_own_thresholds_once_each() -> None:
    campaign = _campaign(lines={"paid_ads": 5_000, "content_production": 5_000})
    assert _spend(campaign, 4_000) == [("line", "paid_ads", 80)]
    assert _spend(campaign, 4_000, "content_production") == [
        ("line", "content_production", 80),
        ("campaign", None, 80),
    ]
    assert _spend(campaign, 1_000, "content_production") == [("line", "content_production", 100)]
    assert _spend(campaign, 1_000) == [("line", "paid_ads", 100), ("campaign", None, 100)]
    assert _spend(campaign, 10) == []
    assert (campaign.spent, campaign.remaining) == (10_010, -10)


def test_one_big_spend_crosses_both_thresholds_at_once() -> None:
    campaign = _campaign()
    assert _spend(campaign, 6_000) == [("line", "paid_ads", 80), ("line", "paid_ads", 100)]


def test_raising_the_budget_then_spending_past_it_again_is_a_new_crossing() -> None:
    campaign = _campaign()
    assert _spend(campaign, 4_000) == [("line", "paid_ads", 80)]
    campaign.set_budget(budget=20_000, currency="EUR", lines={"paid_ads": 10_000, "content_production": 3_000})
    assert [e for e in campaign.events if isinstance(e, CampaignBudgetThresholdReachedV1)] == []
    campaign.events.clear()
    assert _spend(campaign, 4_000) == [("line", "paid_ads", 80)]


def test_cutting_a_budget_below_what_was_spent_is_announced() -> None:
    campaign = _campaign()
    _spend(campaign, 3_000)
    campaign.set_budget(budget=10_000, currency="EUR", lines={"paid_ads": 3_000, "content_production": 3_000})
    reached = [(e.scope, e.threshold) for e in campaign.events if isinstance(e, CampaignBudgetThresholdReachedV1)]
    assert reached == [("line", 80), ("line", 100)]


def test_spend_must_be_positive_in_the_campaign_currency_on_a_known_line() -> None:
    campaign = _campaign()
    with pytest.raises(ValidationFailed) as failure:
        campaign.record_spend(line="influencers", amount=0, currency="USD", spent_on=JUNE, note="")
    assert _fields(failure) == {
        ("amount", "not_positive"),
        ("line", "unknown_line"),
        ("currency", "currency_mismatch"),
    }
    assert campaign.spent == 0
    assert campaign.events == []


def test_spend_is_recorded_with_running_totals() -> None:
    campaign = _campaign()
    entry = campaign.record_spend(line="paid_ads", amount=1_250, currency="EUR", spent_on=JUNE, note=" boost ")
    [event] = campaign.events
    assert isinstance(event, CampaignSpendRecordedV1)
    assert (event.spend_id, event.note, event.line_spent, event.campaign_spent) == (entry.id, "boost", 1_250, 1_250)


def test_a_line_with_spend_cannot_be_dropped_and_the_currency_is_then_locked() -> None:
    campaign = _campaign()
    _spend(campaign, 100)
    with pytest.raises(ValidationFailed) as failure:
        campaign.set_budget(budget=10_000, currency="EUR", lines={"content_production": 3_000})
    assert _fields(failure) == {("lines.paid_ads", "line_has_spend")}
    with pytest.raises(CampaignCurrencyLocked):
        campaign.set_budget(budget=10_000, currency="USD", lines={"paid_ads": 5_000})


def test_status_moves_forward_only_and_a_closed_campaign_keeps_its_plan_but_takes_late_invoices() -> None:
    campaign = _campaign()
    with pytest.raises(CampaignStatusTransitionRefused):
        campaign.change_status("completed")
    campaign.change_status("active")
    campaign.change_status("completed")
    with pytest.raises(CampaignStatusTransitionRefused):
        campaign.change_status("active")
    with pytest.raises(CampaignClosed):
        campaign.change_plan(name="Renamed")
    with pytest.raises(CampaignClosed):
        campaign.set_budget(budget=1, currency="EUR", lines={})
    assert _spend(campaign, 100) == []
    assert campaign.spent == 100


def test_an_unknown_status_is_a_field_error() -> None:
    with pytest.raises(ValidationFailed) as failure:
        _campaign().change_status("paused")
    assert _fields(failure) == {("status", "invalid")}
