"""Events the listening service publishes on `chorus.listening`."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import ClassVar

from pydantic import AwareDatetime, Field, model_validator

from chorus_shared.messaging.contracts.base import EventPayload


class CrisisSeverity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class CrisisDetectedV1(EventPayload):
    """A spike of negative mentions about a brand: publishing freezes the brand's queue, planning opens an incident."""

    event_type: ClassVar[str] = "chorus.listening.crisis.detected.v1"

    brand_id: uuid.UUID
    detected_at: AwareDatetime
    severity: CrisisSeverity
    reason: str = Field(min_length=1, description="Why the detector fired, in words a community manager can act on.")
    mention_volume: int = Field(ge=0, description="Mentions of the brand seen in the window.")
    negative_share: float = Field(ge=0, le=1, description="Share of the window's mentions with negative sentiment.")
    window_start: AwareDatetime
    window_end: AwareDatetime
    # A handful of examples is enough to triage; the full list stays in listening.
    sample_mention_ids: list[uuid.UUID] = Field(default_factory=list, max_length=50)
    playbook_id: uuid.UUID | None = Field(default=None, description="Crisis playbook the brand's plan says to follow.")

    @model_validator(mode="after")
    def _window_is_ordered(self) -> CrisisDetectedV1:
        if self.window_end <= self.window_start:
            raise ValueError("window_end must be after window_start")
        return self
