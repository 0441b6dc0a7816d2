"""Brand freeze: while a brand is frozen nothing of it is published; a crisis or a person froze it, a person resumes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from chorus_publishing.domain.errors import BrandNotFrozen
from chorus_shared.errors import FieldError, ValidationFailed
from chorus_shared.messaging.contracts.base import EventPayload
from chorus_shared.messaging.contracts.publishing_freeze import BrandFrozenV1, BrandResumedV1

REASON_MAX = 2000


class FreezeSource(StrEnum):
    MANUAL = "manual"
    CRISIS_DETECTED = "crisis_detected"
    CRISIS_INCIDENT = "crisis_incident"
    AGENCY = "agency"  # every brand of the agency at once, by hand


@dataclass
class BrandFreeze:
    id: uuid.UUID
    tenant_id: uuid.UUID
    brand_id: uuid.UUID
    frozen_at: datetime
    reason: str
    source: FreezeSource
    frozen_by: str
    source_event_id: str | None = None
    lifted_at: datetime | None = None
    lifted_by: str | None = None
    events: list[EventPayload] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def start(
        cls,
        *,
        tenant_id: uuid.UUID,
        brand_id: uuid.UUID,
        reason: str,
        source: FreezeSource,
        by: str,
        now: datetime,
        source_event_id: str | None = None,
    ) -> BrandFreeze:
        reason = " ".join(reason.split())
        if not reason:
            raise _invalid_reason("Say why the brand's publishing is frozen.", "required")
        if len(reason) > REASON_MAX:
            raise _invalid_reason(f"At most {REASON_MAX} characters.", "too_long")
        freeze = cls(
            id=uuid.uuid4(),
            tenant_id=tenant_id,
            brand_id=brand_id,
            frozen_at=now,
            reason=reason,
            source=source,
            frozen_by=by,
            source_event_id=source_event_id,
        )
        freeze.events.append(
            BrandFrozenV1(
                brand_id=brand_id,
                frozen_at=now,
                reason=reason,
                source=source,
                source_event_id=source_event_id,
                frozen_by=by,
            )
        )
        return freeze

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None

    def lift(self, *, by: str, now: datetime) -> None:
        if not self.is_active:
            raise BrandNotFrozen("The brand's publishing is not frozen.")
        self.lifted_at, self.lifted_by = now, by
        self.events.append(
            BrandResumedV1(brand_id=self.brand_id, frozen_at=self.frozen_at, resumed_at=now, resumed_by=by)
        )


def _invalid_reason(message: str, code: str) -> ValidationFailed:
    return ValidationFailed("The freeze is not valid.", field_errors=[FieldError("reason", message, code)])
