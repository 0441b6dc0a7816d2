"""GraphQL types of objectives and their KPI targets, with the progress reporting measured."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from chorus_gateway.graphql.objectives_campaigns.enums import KpiDirection, KpiFormula, KpiMetric, ObjectiveKind
from chorus_gateway.graphql.objectives_campaigns.rest import PlanningKpiProgress, PlanningKpiTarget, PlanningObjective


@strawberry.type(description="The KPI as reporting last measured it, against its target.")
class KpiProgress:
    value: str = strawberry.field(description="Exact decimal.")
    period_start: datetime
    period_end: datetime
    computed_at: datetime
    percent_of_target: str = strawberry.field(description="value / target x 100, two decimals.")
    expected_percent: str = strawberry.field(description="Where the KPI should be by now: paced if cumulative.")
    on_track: bool

    @classmethod
    def of(cls, progress: PlanningKpiProgress) -> KpiProgress:
        return cls(
            value=progress.value,
            period_start=progress.period_start,
            period_end=progress.period_end,
            computed_at=progress.computed_at,
            percent_of_target=progress.percent_of_target,
            expected_percent=progress.expected_percent,
            on_track=progress.on_track,
        )


@strawberry.type(description="A KPI target: a metric computed by a stated formula, a target value and a period.")
class KpiTarget:
    id: strawberry.ID
    metric: KpiMetric
    formula: KpiFormula
    target: str = strawberry.field(description="Exact decimal, e.g. 0.045.")
    direction: KpiDirection
    period_start: date
    period_end: date
    progress: KpiProgress | None = strawberry.field(description="Null until reporting has measured the KPI.")

    @classmethod
    def of(cls, kpi: PlanningKpiTarget) -> KpiTarget:
        return cls(
            id=strawberry.ID(str(kpi.id)),
            metric=KpiMetric(kpi.metric),
            formula=KpiFormula(kpi.formula),
            target=kpi.target,
            direction=KpiDirection(kpi.direction),
            period_start=kpi.period_start,
            period_end=kpi.period_end,
            progress=None if kpi.progress is None else KpiProgress.of(kpi.progress),
        )


@strawberry.type(description="What a brand aims at over a period, measured by its KPI targets.")
class Objective:
    id: strawberry.ID
    brand_id: strawberry.ID
    kind: ObjectiveKind
    title: str
    period_start: date
    period_end: date
    kpis: list[KpiTarget]
    version: int

    @classmethod
    def of(cls, objective: PlanningObjective) -> Objective:
        return cls(
            id=strawberry.ID(str(objective.id)),
            brand_id=strawberry.ID(str(objective.brand_id)),
            kind=ObjectiveKind(objective.kind),
            title=objective.title,
            period_start=objective.period_start,
            period_end=objective.period_end,
            kpis=[KpiTarget.of(kpi) for kpi in objective.kpis],
            version=objective.version,
        )
