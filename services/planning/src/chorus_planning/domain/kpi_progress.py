"""A KPI's latest measured progress (from reporting) and how it stands against the target."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from chorus_planning.domain.kpi import KpiTarget
from chorus_planning.domain.kpi_metrics import METRICS

_CENT = Decimal("0.01")
_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class KpiProgress:
    """What reporting last computed for a KPI; a newer `computed_at` replaces it, an older one never does."""

    kpi_id: uuid.UUID
    objective_id: uuid.UUID
    value: Decimal
    period_start: dt.datetime
    period_end: dt.datetime
    computed_at: dt.datetime


@dataclass(frozen=True)
class Standing:
    """`percent` of the target reached; `expected_percent` where a cumulative KPI should be by now; on track?"""

    percent: Decimal
    expected_percent: Decimal
    on_track: bool


def standing(kpi: KpiTarget, progress: KpiProgress) -> Standing:
    percent = (progress.value / kpi.target * _HUNDRED).quantize(_CENT)
    metric = METRICS.get(kpi.metric)
    cumulative = metric is not None and metric.cumulative
    # A cumulative KPI at mid-period is on track at half its target; a ratio must meet its target as it stands.
    expected = (_elapsed(progress) * _HUNDRED).quantize(_CENT) if cumulative else _HUNDRED.quantize(_CENT)
    if kpi.direction == "at_most":
        return Standing(percent, expected, progress.value <= kpi.target)
    return Standing(percent, expected, percent >= expected)


def _elapsed(progress: KpiProgress) -> Decimal:
    """Share of the measured period gone by when reporting computed the value, between 0 and 1."""
    whole = (progress.period_end - progress.period_start).total_seconds()
    gone = (progress.computed_at - progress.period_start).total_seconds()
    return min(Decimal(1), max(Decimal(0), Decimal(gone) / Decimal(whole)))
