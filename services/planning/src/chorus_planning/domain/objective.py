"""Objective: what a brand wants from social media over a period, judged by KPI targets."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from chorus_planning.domain.errors import KpiNotFound
from chorus_planning.domain.kpi import KpiDraft, KpiTarget, build_kpi, parse_target, period_errors
from chorus_shared.errors import FieldError, ValidationFailed
from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.contracts.planning_objectives import ObjectiveCreatedV1, ObjectiveUpdatedV1

KINDS = ("awareness", "engagement", "traffic", "conversions", "community", "customer_care")
TITLE_MAX = 200
KPIS_MAX = 20


@dataclass
class Objective:
    id: uuid.UUID
    tenant_id: uuid.UUID
    brand_id: uuid.UUID
    kind: str
    title: str
    period_start: dt.date
    period_end: dt.date
    kpis: list[KpiTarget] = field(default_factory=list)
    version: int = 1
    events: list[EventPayload] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def create(
        cls,
        *,
        tenant_id: uuid.UUID,
        brand_id: uuid.UUID,
        kind: str,
        title: str,
        period_start: dt.date,
        period_end: dt.date,
        kpis: list[KpiDraft],
    ) -> Objective:
        title, errors = _title(title)
        if kind not in KINDS:
            errors.append(FieldError("kind", f"The kind is one of: {', '.join(KINDS)}.", "invalid"))
        period_wrong = period_errors(period_start, period_end, "")
        # KPIs are checked against the objective's period only when that period itself makes sense.
        built, kpi_errors = _build_all(kpis, None if period_wrong else (period_start, period_end))
        _raise_if(errors + period_wrong + kpi_errors)
        objective = cls(uuid.uuid4(), tenant_id, brand_id, kind, title, period_start, period_end, built)
        objective.events.append(ObjectiveCreatedV1(**objective._snapshot()))
        return objective

    def update(
        self, *, title: str | None = None, period_start: dt.date | None = None, period_end: dt.date | None = None
    ) -> None:
        new_title, errors = _title(self.title if title is None else title)
        start, end = period_start or self.period_start, period_end or self.period_end
        errors += period_errors(start, end, "")
        for index, kpi in enumerate(self.kpis):
            if not errors and (kpi.period_start < start or kpi.period_end > end):
                message = f"KPI {index} ({kpi.metric}) runs {kpi.period_start} to {kpi.period_end}, outside the period."
                errors.append(FieldError("period_start", message, "kpi_outside_period"))
        _raise_if(errors)
        if (new_title, start, end) != (self.title, self.period_start, self.period_end):
            self.title, self.period_start, self.period_end = new_title, start, end
            self._changed()

    def add_kpi(self, draft: KpiDraft) -> KpiTarget:
        if len(self.kpis) >= KPIS_MAX:
            _raise_if([FieldError("kpis", f"An objective has at most {KPIS_MAX} KPIs.", "too_many")])
        kpi, errors = build_kpi(draft, within=(self.period_start, self.period_end), path="")
        _raise_if(errors)
        assert kpi is not None  # build_kpi returns a KPI exactly when there are no errors
        self.kpis.append(kpi)
        self._changed()
        return kpi

    def change_kpi(
        self,
        kpi_id: uuid.UUID,
        *,
        target: Decimal | str | int | None = None,
        period_start: dt.date | None = None,
        period_end: dt.date | None = None,
    ) -> KpiTarget:
        """Metric and formula are fixed once set: progress measured one way means nothing against another."""
        kpi = self.kpi(kpi_id)
        new_target, errors = (kpi.target, []) if target is None else parse_target(target, "target")
        start, end = period_start or kpi.period_start, period_end or kpi.period_end
        errors += period_errors(start, end, "", within=(self.period_start, self.period_end))
        _raise_if(errors)
        assert new_target is not None
        if (new_target, start, end) != (kpi.target, kpi.period_start, kpi.period_end):
            kpi.target, kpi.period_start, kpi.period_end = new_target, start, end
            self._changed()
        return kpi

    def remove_kpi(self, kpi_id: uuid.UUID) -> None:
        self.kpis.remove(self.kpi(kpi_id))
        self._changed()

    def kpi(self, kpi_id: uuid.UUID) -> KpiTarget:
        for kpi in self.kpis:
            if kpi.id == kpi_id:
                return kpi
        raise KpiNotFound(f"Objective {self.id} has no KPI {kpi_id}.")

    def _changed(self) -> None:
        self.version += 1
        self.events.append(ObjectiveUpdatedV1(**self._snapshot()))

    def _snapshot(self) -> dict[str, object]:
        return {
            "objective_id": self.id,
            "brand_id": self.brand_id,
            "kind": self.kind,
            "title": self.title,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "kpis": [kpi.snapshot() for kpi in self.kpis],
        }


def _title(title: str) -> tuple[str, list[FieldError]]:
    title = " ".join(title.split())
    if not title:
        return title, [FieldError("title", "An objective needs a title.", "required")]
    if len(title) > TITLE_MAX:
        return title, [FieldError("title", f"A title has at most {TITLE_MAX} characters.", "too_long")]
    return title, []


def _build_all(
    drafts: list[KpiDraft], within: tuple[dt.date, dt.date] | None
) -> tuple[list[KpiTarget], list[FieldError]]:
    if len(drafts) > KPIS_MAX:
        return [], [FieldError("kpis", f"An objective has at most {KPIS_MAX} KPIs.", "too_many")]
    built: list[KpiTarget] = []
    errors: list[FieldError] = []
    for index, draft in enumerate(drafts):
        kpi, kpi_errors = build_kpi(draft, within=within, path=f"kpis.{index}")
        errors += kpi_errors
        if kpi is not None:
            built.append(kpi)
    return built, errors


def _raise_if(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationFailed("The objective is not valid.", field_errors=errors)
