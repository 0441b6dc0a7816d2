"""A KPI target of an objective: metric, formula, target value, direction and the local dates it covers.

Targets are exact decimals (at most 6 decimal places), not scaled integers: KPIs mix ratios (0.045), money (ROI,
cost per acquisition) and counts, so no single scale fits, and reporting's progress events carry decimals too.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from chorus_planning.domain.kpi_metrics import METRICS
from chorus_shared.errors import FieldError
from chorus_shared.messaging.contracts.planning_objectives import KpiTargetSnapshot

DIRECTIONS = ("at_least", "at_most")
TARGET_DECIMALS = 6
TARGET_INTEGER_DIGITS = 18


@dataclass
class KpiTarget:
    id: uuid.UUID
    metric: str
    formula: str
    target: Decimal
    direction: str
    period_start: dt.date
    period_end: dt.date

    def snapshot(self) -> KpiTargetSnapshot:
        return KpiTargetSnapshot(
            kpi_id=self.id,
            metric=self.metric,
            formula=self.formula,
            target=self.target,
            direction=self.direction,
            period_start=self.period_start,
            period_end=self.period_end,
        )


@dataclass(frozen=True)
class KpiDraft:
    """A KPI as a user states it, before validation. A missing period means the objective's period."""

    metric: str | None
    formula: str | None
    target: Decimal | str | int | None
    direction: str = "at_least"
    period_start: dt.date | None = None
    period_end: dt.date | None = None


def build_kpi(
    draft: KpiDraft, *, within: tuple[dt.date, dt.date] | None, path: str
) -> tuple[KpiTarget | None, list[FieldError]]:
    """The KPI the draft describes, or the field errors (paths prefixed by `path`) that stop it."""
    errors = metric_errors(draft.metric, draft.formula, path)
    target, target_errors = parse_target(draft.target, _field(path, "target"))
    errors += target_errors
    if draft.direction not in DIRECTIONS:
        errors.append(FieldError(_field(path, "direction"), "The direction is at_least or at_most.", "invalid"))
    start, end = draft.period_start, draft.period_end
    if within is not None:
        start, end = start or within[0], end or within[1]
    # A missing period means the objective's own period is wrong, which is reported already.
    if start is not None and end is not None:
        errors += period_errors(start, end, path, within=within)
    if errors or target is None or draft.metric is None or draft.formula is None or start is None or end is None:
        return None, errors
    kpi = KpiTarget(uuid.uuid4(), draft.metric, draft.formula, target, draft.direction, start, end)
    return kpi, []


def metric_errors(metric: str | None, formula: str | None, path: str) -> list[FieldError]:
    errors: list[FieldError] = []
    known = METRICS.get(metric or "")
    if not metric:
        errors.append(FieldError(_field(path, "metric"), "A KPI measures a metric.", "required"))
    elif known is None:
        errors.append(
            FieldError(_field(path, "metric"), f"Unknown metric; known: {', '.join(sorted(METRICS))}.", "invalid")
        )
    if not formula:
        hint = f" for {metric}: {', '.join(sorted(known.formulas))}" if known else ""
        errors.append(FieldError(_field(path, "formula"), f"A KPI states how it is computed{hint}.", "required"))
    elif known is not None and formula not in known.formulas:
        allowed = ", ".join(sorted(known.formulas))
        errors.append(FieldError(_field(path, "formula"), f"{metric} is computed as one of: {allowed}.", "invalid"))
    return errors


def parse_target(value: Decimal | str | int | None, field: str) -> tuple[Decimal | None, list[FieldError]]:
    if value is None or value == "":
        return None, [FieldError(field, "A KPI needs a target value.", "required")]
    try:
        target = Decimal(str(value).strip())
    except InvalidOperation:
        return None, [FieldError(field, f"{value!r} is not a decimal number such as 0.045 or 12000.", "invalid")]
    if not target.is_finite():
        return None, [FieldError(field, "The target must be a finite number.", "invalid")]
    if target <= 0:
        return None, [FieldError(field, "The target must be greater than zero.", "not_positive")]
    sign, digits, exponent = target.as_tuple()
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if decimals > TARGET_DECIMALS or len(digits) - decimals > TARGET_INTEGER_DIGITS:
        message = f"At most {TARGET_INTEGER_DIGITS} digits before and {TARGET_DECIMALS} after the point."
        return None, [FieldError(field, message, "too_precise")]
    return target, []


def period_errors(
    start: dt.date, end: dt.date, path: str, *, within: tuple[dt.date, dt.date] | None = None
) -> list[FieldError]:
    if start > end:
        return [FieldError(_field(path, "period_end"), "The period cannot end before it starts.", "dates_out_of_order")]
    if within is not None and (start < within[0] or end > within[1]):
        message = f"The KPI's period must lie within the objective's, {within[0]} to {within[1]}."
        return [FieldError(_field(path, "period_start"), message, "outside_objective_period")]
    return []


def _field(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name
