"""The pieces of a crisis incident: what listening detected, the checklist, the timeline, the post-mortem."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from chorus_shared.messaging.contracts.listening import CrisisSeverity

# Who opened an incident that a detection opened: no person did.
LISTENING = "listening"


class TimelineKind(StrEnum):
    DETECTED = "detected"
    OPENED = "opened"
    STEP_COMPLETED = "step_completed"
    STATEMENT_USED = "statement_used"
    NOTE = "note"
    ESCALATED = "escalated"
    CLOSED = "closed"


@dataclass(frozen=True)
class Detection:
    """What listening saw, as it arrived in `chorus.listening.crisis.detected.v1`."""

    event_id: str
    detected_at: datetime
    severity: CrisisSeverity
    reason: str
    mention_volume: int
    negative_share: float

    def describe(self) -> str:
        return f"{self.reason} ({self.mention_volume} mentions, {self.negative_share:.0%} negative)"


@dataclass
class ChecklistItem:
    position: int
    title: str
    instructions: str
    owner_role: str | None
    owner_user_id: str | None
    due_at: datetime
    completed_at: datetime | None = None
    completed_by: str | None = None


@dataclass(frozen=True)
class TimelineEntry:
    kind: TimelineKind
    at: datetime
    by: str
    text: str


@dataclass(frozen=True)
class PostMortem:
    summary: str
    went_well: str
    to_improve: str
