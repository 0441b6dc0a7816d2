"""Objectives and KPI targets: formulas are a stated choice, targets exact, periods ordered; progress vs target."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from decimal import Decimal

import pytest

from chorus_planning.domain.errors import KpiNotFound
from chorus_planning.domain.kpi import KpiDraft
from chorus_planning.domain.kpi_progress import KpiProgress, standing
from chorus_planning.domain.objective import Objective
from chorus_shared.errors import ValidationFailed
from chorus_shared.messaging.contracts.planning_objectives import ObjectiveCreatedV1, ObjectiveUpdatedV1

Q3 = (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
RATE = KpiDraft(metric="engagement_rate", formula="engagements_by_reach", target="0.045")
REACH = KpiDraft(metric="reach", formula="unique_accounts_reached", target=100_000)


def _objective(*kpis: KpiDraft, period: tuple[dt.date, dt.date] = Q3) -> Objective:
    return Objective.create(
        tenant_id=uuid.uuid4(),
        brand_id=uuid.uuid4(),
        kind="engagement",
        title="  Grow the  conversation ",
        period_start=period[0],
        period_end=period[1],
        kpis=list(kpis),
    )


def _fields(failure: pytest.ExceptionInfo[ValidationFailed]) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in failure.value.field_errors}


def test_an_objective_records_its_kpis_with_exact_targets_and_the_objective_period_by_default() -> None:
    objective = _objective(RATE, REACH)
    assert objective.title == "Grow the conversation"
    rate, reach = objective.kpis
    assert (rate.target, reach.target) == (Decimal("0.045"), Decimal(100_000))
    assert (rate.period_start, rate.period_end) == Q3
    [event] = objective.events
    assert isinstance(event, ObjectiveCreatedV1)
    assert event.kpis[0].formula == "engagements_by_reach"


def test_a_kpi_without_a_formula_is_refused_and_the_message_lists_the_choices() -> None:
    with pytest.raises(ValidationFailed) as failure:
        _objective(KpiDraft(metric="engagement_rate", formula=None, target="0.05"))
    [error] = failure.value.field_errors
    assert (error.field, error.code) == ("kpis.0.formula", "required")
    assert "engagements_by_followers" in error.message
    assert "engagements_by_impressions" in error.message


def test_every_wrong_field_of_every_kpi_is_reported_with_its_path() -> None:
    with pytest.raises(ValidationFailed) as failure:
        Objective.create(
            tenant_id=uuid.uuid4(),
            brand_id=uuid.uuid4(),
            kind="fame",
            title=" ",
            period_start=Q3[0],
            period_end=Q3[1],
            kpis=[
                KpiDraft(metric="reach", formula="engagements_by_reach", target="-3"),
                KpiDraft(metric="vibes", formula="x", target="lots", direction="sideways"),
                KpiDraft(metric="reach", formula="unique_accounts_reached", target="1.1234567"),
                replace(RATE, period_start=dt.date(2026, 6, 1)),
            ],
        )
    assert _fields(failure) == {
        ("kind", "invalid"),
        ("title", "required"),
        ("kpis.0.formula", "invalid"),
        ("kpis.0.target", "not_positive"),
        ("kpis.1.metric", "invalid"),
        ("kpis.1.target", "invalid"),
        ("kpis.1.direction", "invalid"),
        ("kpis.2.target", "too_precise"),
        ("kpis.3.period_start", "outside_objective_period"),
    }


def test_dates_out_of_order_are_refused() -> None:
    with pytest.raises(ValidationFailed) as failure:
        _objective(RATE, period=(Q3[1], Q3[0]))
    assert _fields(failure) == {("period_end", "dates_out_of_order")}
    objective = _objective(RATE)
    with pytest.raises(ValidationFailed) as kpi_failure:
        objective.change_kpi(objective.kpis[0].id, period_start=dt.date(2026, 9, 1), period_end=dt.date(2026, 8, 1))
    assert _fields(kpi_failure) == {("period_end", "dates_out_of_order")}


def test_changing_a_target_records_the_whole_objective_again() -> None:
    objective = _objective(RATE)
    objective.events.clear()
    objective.change_kpi(objective.kpis[0].id, target="0.05")
    [event] = objective.events
    assert isinstance(event, ObjectiveUpdatedV1)
    assert event.kpis[0].target == Decimal("0.05")
    objective.events.clear()
    objective.change_kpi(objective.kpis[0].id, target="0.050")
    assert objective.events == []


def test_shrinking_the_period_past_a_kpi_is_refused() -> None:
    objective = _objective(RATE)
    with pytest.raises(ValidationFailed) as failure:
        objective.update(period_end=dt.date(2026, 8, 31))
    assert _fields(failure) == {("period_start", "kpi_outside_period")}


def test_removing_an_unknown_kpi_is_not_found() -> None:
    with pytest.raises(KpiNotFound):
        _objective(RATE).remove_kpi(uuid.uuid4())


def _measured(value: str, *, day: int) -> KpiProgress:
    start = dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
    return KpiProgress(
        kpi_id=uuid.uuid4(),
        objective_id=uuid.uuid4(),
        value=Decimal(value),
        period_start=start,
        period_end=start + dt.timedelta(days=92),
        computed_at=start + dt.timedelta(days=day),
    )


def test_a_cumulative_kpi_is_paced_against_the_time_gone_by() -> None:
    reach = _objective(REACH).kpis[0]
    halfway = standing(reach, _measured("46000", day=46))
    assert (halfway.percent, halfway.expected_percent, halfway.on_track) == (Decimal("46.00"), Decimal("50.00"), False)
    assert standing(reach, _measured("51000", day=46)).on_track


def test_a_ratio_must_meet_its_target_as_it_stands() -> None:
    rate = _objective(RATE).kpis[0]
    early = standing(rate, _measured("0.0450", day=1))
    assert (early.percent, early.expected_percent, early.on_track) == (Decimal("100.00"), Decimal("100.00"), True)
    assert not standing(rate, _measured("0.03", day=80)).on_track


def test_an_at_most_kpi_is_on_track_while_under_its_target() -> None:
    response = _objective(
        KpiDraft(metric="response_time_minutes", formula="median_first_response", target=30, direction="at_most")
    ).kpis[0]
    assert standing(response, _measured("25", day=10)).on_track
    assert not standing(response, _measured("45", day=10)).on_track
