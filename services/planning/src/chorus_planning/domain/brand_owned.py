"""What every piece of a brand's strategy shares: identity, owning brand, a version, and its lifecycle events.

A strategy item holds validated, immutable `details`; revising replaces them whole (the API merges partial
updates first) and records the `updated` event only when something changed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, Protocol, Self, TypeVar

from chorus_shared.messaging.contracts.base import EventPayload


class Details(Protocol):
    def event_fields(self) -> dict[str, Any]:
        """The details as the item's snapshot events carry them."""
        ...


D = TypeVar("D", bound=Details)


@dataclass
class BrandOwned(Generic[D]):
    id: uuid.UUID
    tenant_id: uuid.UUID
    brand_id: uuid.UUID
    details: D
    version: int = 1
    events: list[EventPayload] = field(default_factory=list, compare=False, repr=False)

    # Set by each kind of item: the name of its id in events, and its events.
    id_field: ClassVar[str]
    created_event: ClassVar[type[EventPayload]]
    updated_event: ClassVar[type[EventPayload]]
    deleted_event: ClassVar[type[EventPayload]]

    @classmethod
    def create(cls, *, tenant_id: uuid.UUID, brand_id: uuid.UUID, details: D) -> Self:
        item = cls(id=uuid.uuid4(), tenant_id=tenant_id, brand_id=brand_id, details=details)
        item.events.append(cls.created_event(**item.snapshot()))
        return item

    def revise(self, details: D) -> None:
        if details == self.details:
            return
        self.details = details
        self.version += 1
        self.events.append(self.updated_event(**self.snapshot()))

    def delete(self) -> None:
        self.events.append(self.deleted_event(**{self.id_field: self.id, "brand_id": self.brand_id}))

    def snapshot(self) -> dict[str, Any]:
        return {
            self.id_field: self.id,
            "brand_id": self.brand_id,
            "version": self.version,
            **self.details.event_fields(),
        }
