"""Events the reporting service publishes on `chorus.reporting`."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Annotated, ClassVar

from pydantic import AwareDatetime, Field, WithJsonSchema, model_validator

from chorus_shared.messaging.contracts.base import EventPayload

# What consumers accept: a decimal string (what Chorus sends) or a plain JSON number.
DecimalValue = Annotated[
    Decimal,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^-?\d+(\.\d+)?([eE][+-]?\d+)?$"},
                {"type": "number"},
            ]
        }
    ),
]


class KpiProgressUpdatedV1(EventPayload):
    """A KPI of an objective was recomputed for a period.

    `value` and `target` are decimals, sent as JSON strings ("0.0345"): KPIs are often money (ROI, cost per
    acquisition) or ratios that binary floats cannot hold exactly, and a JavaScript consumer would round a large
    JSON number silently. Consumers accept a JSON number too, for producers in languages without decimals.
    """

    event_type: ClassVar[str] = "chorus.reporting.kpi.progress_updated.v1"

    objective_id: uuid.UUID
    kpi_id: uuid.UUID
    brand_id: uuid.UUID
    metric: str = Field(min_length=1, description="What is measured, e.g. engagement_rate, reach, roi.")
    formula: str = Field(min_length=1, description="How value is computed from the metric's inputs.")
    period_start: AwareDatetime
    period_end: AwareDatetime
    value: DecimalValue
    target: DecimalValue
    computed_at: AwareDatetime

    @model_validator(mode="after")
    def _period_is_ordered(self) -> KpiProgressUpdatedV1:
        if self.period_end <= self.period_start:
            raise ValueError("period_end must be after period_start")
        return self


class CampaignSpendReportedV1(EventPayload):
    """Money an ad platform (or another source reporting imports) says a campaign spent on one budget line.

    `(source, external_reference)` names the spend at its source: planning records it once, however often the
    report is re-sent. `amount_minor` is in minor units of `currency` (ISO 4217), which must be the campaign's.
    """

    event_type: ClassVar[str] = "chorus.reporting.campaign_spend.reported.v1"

    campaign_id: uuid.UUID
    brand_id: uuid.UUID
    line: str = Field(min_length=1, description="The budget line's activity, e.g. paid_ads.")
    amount_minor: int = Field(gt=0, description="Minor units of currency (cents for EUR).")
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    spent_on: dt.date
    source: str = Field(min_length=1, max_length=64, description="Where the figure comes from, e.g. meta_ads.")
    external_reference: str = Field(
        min_length=1, max_length=200, description="The spend's id at its source (invoice, billing line)."
    )
