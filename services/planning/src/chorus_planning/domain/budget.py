"""A campaign's budget lines and spend entries, and when spending crosses 80% and 100% of a budget."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

ACTIVITIES = ("paid_ads", "content_production", "influencers", "tools", "other")
THRESHOLDS = (80, 100)
NOTE_MAX = 500


@dataclass
class BudgetLine:
    """The money set aside for one activity (minor units) and what has been spent on it so far."""

    activity: str
    amount: int
    spent: int = 0

    @property
    def remaining(self) -> int:
        return self.amount - self.spent


@dataclass(frozen=True)
class SpendEntry:
    id: uuid.UUID
    campaign_id: uuid.UUID
    line: str
    amount: int
    currency: str
    spent_on: dt.date
    note: str


@dataclass(frozen=True)
class Usage:
    spent: int
    budget: int

    def reached(self, threshold: int) -> bool:
        # Nothing spent reaches nothing, even on a zero budget; any spend on a zero budget is past every threshold.
        return self.spent > 0 and self.spent * 100 >= threshold * self.budget


def crossed(before: Usage | None, after: Usage) -> list[int]:
    """Thresholds reached now and not before: a spend above 80% that was already above 80% crosses nothing."""
    return [t for t in THRESHOLDS if after.reached(t) and not (before is not None and before.reached(t))]
