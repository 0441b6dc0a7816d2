"""Events the planning service publishes on `chorus.planning`."""

from __future__ import annotations

import uuid
from typing import ClassVar

from chorus_shared.messaging.contracts.base import EventPayload


class BrandSnapshot(EventPayload):
    """The brand as other services may keep it: identity, timezone, languages and the agency's client."""

    brand_id: uuid.UUID
    name: str
    timezone: str
    languages: list[str]
    archived: bool = False
    client_name: str | None = None


class BrandCreatedV1(BrandSnapshot):
    event_type: ClassVar[str] = "chorus.planning.brand.created.v1"


class BrandRenamedV1(EventPayload):
    event_type: ClassVar[str] = "chorus.planning.brand.renamed.v1"

    brand_id: uuid.UUID
    name: str
    previous_name: str


class BrandUpdatedV1(BrandSnapshot):
    """Timezone, languages or client changed (renames, archiving, guidelines and policies have their own events)."""

    event_type: ClassVar[str] = "chorus.planning.brand.updated.v1"


class BrandArchivedV1(EventPayload):
    event_type: ClassVar[str] = "chorus.planning.brand.archived.v1"

    brand_id: uuid.UUID
