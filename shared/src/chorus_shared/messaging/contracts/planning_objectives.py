"""Events the planning service publishes about objectives and their KPI targets (topic `chorus.planning`)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import ClassVar

from pydantic import Field

from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.contracts.reporting import DecimalValue


class KpiTargetSnapshot(EventPayload):
    """One KPI target: what is measured, how (`formula`), the value to reach and over which local dates."""

    kpi_id: uuid.UUID
    metric: str
    formula: str
    target: DecimalValue = Field(description='Decimal sent as a JSON string, e.g. "0.045".')
    direction: str = Field(description="at_least: reach the target or more; at_most: stay at or below it.")
    period_start: dt.date
    period_end: dt.date


class ObjectiveSnapshot(EventPayload):
    """The objective as reporting computes progress against it."""

    objective_id: uuid.UUID
    brand_id: uuid.UUID
    kind: str
    title: str
    period_start: dt.date
    period_end: dt.date
    kpis: list[KpiTargetSnapshot]


class ObjectiveCreatedV1(ObjectiveSnapshot):
    event_type: ClassVar[str] = "chorus.planning.objective.created.v1"


class ObjectiveUpdatedV1(ObjectiveSnapshot):
    """Title, period or KPI targets changed; the snapshot is the whole objective after the change."""

    event_type: ClassVar[str] = "chorus.planning.objective.updated.v1"
