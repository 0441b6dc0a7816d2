"""REST shapes of objectives and their KPI targets. Decimals travel as JSON strings ("0.045"); numbers are accepted."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from pydantic import BaseModel, Field

from chorus_planning.domain.kpi import KpiDraft, KpiTarget
from chorus_planning.domain.kpi_progress import KpiProgress, standing
from chorus_planning.service.objectives import ObjectiveView

_TARGET = Field(default=None, examples=["0.045"], description="Exact decimal; a JSON string keeps every digit.")


class KpiTargetCreate(BaseModel):
    metric: str | None = Field(default=None, max_length=64, examples=["engagement_rate"])
    formula: str | None = Field(
        default=None, max_length=64, examples=["engagements_by_reach"], description="Required: how it is computed."
    )
    target: Decimal | None = _TARGET
    direction: str = Field(default="at_least", description="at_least or at_most (e.g. response time).")
    period_start: dt.date | None = Field(default=None, description="Defaults to the objective's period.")
    period_end: dt.date | None = None

    def draft(self) -> KpiDraft:
        return KpiDraft(self.metric, self.formula, self.target, self.direction, self.period_start, self.period_end)


class KpiTargetUpdate(BaseModel):
    target: Decimal | None = _TARGET
    period_start: dt.date | None = None
    period_end: dt.date | None = None


class ObjectiveCreate(BaseModel):
    brand_id: uuid.UUID
    kind: str = Field(examples=["engagement"])
    title: str = Field(max_length=1000)
    period_start: dt.date
    period_end: dt.date
    kpis: list[KpiTargetCreate] = Field(default_factory=list, max_length=50)


class ObjectiveUpdate(BaseModel):
    title: str | None = Field(default=None, max_length=1000)
    period_start: dt.date | None = None
    period_end: dt.date | None = None


class KpiProgressRead(BaseModel):
    value: str
    period_start: dt.datetime
    period_end: dt.datetime
    computed_at: dt.datetime
    percent_of_target: str = Field(description="value / target x 100, two decimals.")
    expected_percent: str = Field(description="Where the KPI should be when computed: paced for cumulative metrics.")
    on_track: bool

    @classmethod
    def of(cls, kpi: KpiTarget, progress: KpiProgress) -> KpiProgressRead:
        now = standing(kpi, progress)
        return cls(
            value=decimal_text(progress.value),
            period_start=progress.period_start,
            period_end=progress.period_end,
            computed_at=progress.computed_at,
            percent_of_target=str(now.percent),
            expected_percent=str(now.expected_percent),
            on_track=now.on_track,
        )


class KpiTargetRead(BaseModel):
    id: uuid.UUID
    metric: str
    formula: str
    target: str
    direction: str
    period_start: dt.date
    period_end: dt.date
    progress: KpiProgressRead | None = Field(description="Absent until reporting has measured the KPI.")

    @classmethod
    def of(cls, kpi: KpiTarget, progress: KpiProgress | None) -> KpiTargetRead:
        return cls(
            id=kpi.id,
            metric=kpi.metric,
            formula=kpi.formula,
            target=decimal_text(kpi.target),
            direction=kpi.direction,
            period_start=kpi.period_start,
            period_end=kpi.period_end,
            progress=None if progress is None else KpiProgressRead.of(kpi, progress),
        )


class ObjectiveRead(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    kind: str
    title: str
    period_start: dt.date
    period_end: dt.date
    kpis: list[KpiTargetRead]
    version: int

    @classmethod
    def of(cls, view: ObjectiveView) -> ObjectiveRead:
        objective = view.objective
        return cls(
            id=objective.id,
            brand_id=objective.brand_id,
            kind=objective.kind,
            title=objective.title,
            period_start=objective.period_start,
            period_end=objective.period_end,
            kpis=[KpiTargetRead.of(kpi, view.progress.get(kpi.id)) for kpi in objective.kpis],
            version=objective.version,
        )


class ObjectivePage(BaseModel):
    items: list[ObjectiveRead]
    next_after: uuid.UUID | None


def decimal_text(value: Decimal) -> str:
    """Plain notation without trailing zeros: 0.045000 -> "0.045", 12000 -> "12000" (never "1.2E+4")."""
    return format(value.normalize(), "f")
