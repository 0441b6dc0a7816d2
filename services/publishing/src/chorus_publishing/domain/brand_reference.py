"""Publishing's own copy of a brand, kept from planning's events: what it needs to schedule (timezone) and show."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass
class BrandReference:
    brand_id: uuid.UUID
    tenant_id: uuid.UUID
    name: str
    timezone: str
    languages: list[str]
    archived: bool
    synced_at: datetime
