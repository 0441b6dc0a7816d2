"""Campaign: a brand's effort over dates, for objectives, on channels, with a budget split by activity and its spend."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from chorus_planning.domain.budget import NOTE_MAX, BudgetLine, SpendEntry, Usage, crossed
from chorus_planning.domain.campaign_rules import (
    CampaignStatus,
    budget_errors,
    plan_errors,
    raise_if,
    require_transition,
)
from chorus_planning.domain.errors import CampaignClosed, CampaignCurrencyLocked
from chorus_planning.domain.money import amount_errors
from chorus_shared.errors import FieldError
from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.contracts.planning_campaigns import (
    BudgetLineSnapshot,
    CampaignBudgetThresholdReachedV1,
    CampaignCreatedV1,
    CampaignSpendRecordedV1,
    CampaignStatusChangedV1,
    CampaignUpdatedV1,
)


@dataclass
class Campaign:
    id: uuid.UUID
    tenant_id: uuid.UUID
    brand_id: uuid.UUID
    name: str
    start_date: dt.date
    end_date: dt.date
    objective_ids: list[uuid.UUID]
    channels: list[str]
    budget: int
    currency: str
    lines: dict[str, BudgetLine] = field(default_factory=dict)
    status: CampaignStatus = CampaignStatus.DRAFT
    version: int = 1
    events: list[EventPayload] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def create(
        cls,
        *,
        tenant_id: uuid.UUID,
        brand_id: uuid.UUID,
        name: str,
        start_date: dt.date,
        end_date: dt.date,
        objective_ids: list[uuid.UUID],
        channels: list[str],
        budget: int,
        currency: str,
        lines: dict[str, int],
    ) -> Campaign:
        name, errors = plan_errors(name=name, start_date=start_date, end_date=end_date, channels=channels)
        raise_if(errors + budget_errors(budget=budget, currency=currency, lines=lines))
        campaign = cls(
            id=uuid.uuid4(),
            tenant_id=tenant_id,
            brand_id=brand_id,
            name=name,
            start_date=start_date,
            end_date=end_date,
            objective_ids=list(dict.fromkeys(objective_ids)),
            channels=list(dict.fromkeys(channels)),
            budget=budget,
            currency=currency,
            lines={activity: BudgetLine(activity, amount) for activity, amount in lines.items()},
        )
        campaign.events.append(CampaignCreatedV1(**campaign._snapshot()))
        return campaign

    @property
    def spent(self) -> int:
        return sum(line.spent for line in self.lines.values())

    @property
    def remaining(self) -> int:
        return self.budget - self.spent

    def change_plan(
        self,
        *,
        name: str | None = None,
        start_date: dt.date | None = None,
        end_date: dt.date | None = None,
        objective_ids: list[uuid.UUID] | None = None,
        channels: list[str] | None = None,
    ) -> None:
        self._ensure_open()
        new_name, errors = plan_errors(
            name=self.name if name is None else name,
            start_date=start_date or self.start_date,
            end_date=end_date or self.end_date,
            channels=self.channels if channels is None else channels,
        )
        raise_if(errors)
        before = self._snapshot()
        self.name, self.start_date, self.end_date = new_name, start_date or self.start_date, end_date or self.end_date
        if objective_ids is not None:
            self.objective_ids = list(dict.fromkeys(objective_ids))
        if channels is not None:
            self.channels = list(dict.fromkeys(channels))
        if self._snapshot() != before:
            self._updated()

    def set_budget(self, *, budget: int, currency: str, lines: dict[str, int]) -> None:
        """Replace the budget and its lines; the thresholds spend already passes under the new budget are announced."""
        self._ensure_open()
        errors = budget_errors(budget=budget, currency=currency, lines=lines)
        for activity, line in self.lines.items():
            if line.spent and activity not in lines:
                message = f"{activity} already has spend recorded; keep its line (it may be zero)."
                errors.append(FieldError(f"lines.{activity}", message, "line_has_spend"))
        raise_if(errors)
        if currency != self.currency and self.spent:
            raise CampaignCurrencyLocked(f"Spend is recorded in {self.currency}; the currency can no longer change.")
        before = self._usage()
        spent = {activity: line.spent for activity, line in self.lines.items()}
        self.budget, self.currency = budget, currency
        self.lines = {a: BudgetLine(a, amount, spent.get(a, 0)) for a, amount in lines.items()}
        self._updated()
        self._announce_thresholds(before)

    def record_spend(self, *, line: str, amount: int, currency: str, spent_on: dt.date, note: str) -> SpendEntry:
        """Spend is recorded in every status: invoices for a completed or cancelled campaign still arrive."""
        note = note.strip()
        errors = amount_errors("amount", amount, positive=True)
        if line not in self.lines:
            known = ", ".join(self.lines) or "none yet"
            errors.append(
                FieldError("line", f"The campaign has no {line!r} budget line (lines: {known}).", "unknown_line")
            )
        if currency != self.currency:
            errors.append(FieldError("currency", f"The campaign's budget is in {self.currency}.", "currency_mismatch"))
        if len(note) > NOTE_MAX:
            errors.append(FieldError("note", f"A note has at most {NOTE_MAX} characters.", "too_long"))
        raise_if(errors)
        before = self._usage()
        self.lines[line].spent += amount
        self.version += 1
        entry = SpendEntry(uuid.uuid4(), self.id, line, amount, currency, spent_on, note)
        self.events.append(
            CampaignSpendRecordedV1(
                campaign_id=self.id,
                brand_id=self.brand_id,
                spend_id=entry.id,
                line=line,
                amount=amount,
                currency=currency,
                spent_on=spent_on,
                note=note,
                line_spent=self.lines[line].spent,
                campaign_spent=self.spent,
            )
        )
        self._announce_thresholds(before)
        return entry

    def change_status(self, status: str) -> None:
        target = require_transition(self.status, status)
        if target == self.status:
            return
        previous, self.status = self.status, target
        self.version += 1
        self.events.append(
            CampaignStatusChangedV1(
                campaign_id=self.id, brand_id=self.brand_id, status=target.value, previous_status=previous.value
            )
        )

    def _usage(self) -> dict[str | None, Usage]:
        """Spent and budget per line (keyed by activity) and for the whole campaign (keyed by None)."""
        usage: dict[str | None, Usage] = {a: Usage(line.spent, line.amount) for a, line in self.lines.items()}
        usage[None] = Usage(self.spent, self.budget)
        return usage

    def _announce_thresholds(self, before: dict[str | None, Usage]) -> None:
        for scope, now in self._usage().items():
            for threshold in crossed(before.get(scope), now):
                self.events.append(
                    CampaignBudgetThresholdReachedV1(
                        campaign_id=self.id,
                        brand_id=self.brand_id,
                        scope="campaign" if scope is None else "line",
                        line=scope,
                        threshold=threshold,
                        spent=now.spent,
                        budget=now.budget,
                        currency=self.currency,
                    )
                )

    def _ensure_open(self) -> None:
        if self.status in (CampaignStatus.COMPLETED, CampaignStatus.CANCELLED):
            raise CampaignClosed(f"The campaign is {self.status.value}; its plan and budget are final.")

    def _updated(self) -> None:
        self.version += 1
        self.events.append(CampaignUpdatedV1(**self._snapshot()))

    def _snapshot(self) -> dict[str, object]:
        return {
            "campaign_id": self.id,
            "brand_id": self.brand_id,
            "name": self.name,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "objective_ids": list(self.objective_ids),
            "channels": list(self.channels),
            "status": self.status.value,
            "budget": self.budget,
            "currency": self.currency,
            "lines": [BudgetLineSnapshot(activity=a, amount=line.amount) for a, line in self.lines.items()],
        }
