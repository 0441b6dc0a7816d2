"""What every event payload is: a frozen pydantic model that knows its CloudEvents type."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

_REGISTRY: dict[str, type[EventPayload]] = {}


class EventPayload(BaseModel):
    """Base of every contract. Subclasses set `event_type = "chorus.<service>.<aggregate>.<verb>.vN"`.

    Unknown fields are ignored on read so that producers can add optional fields without breaking consumers.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    event_type: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        event_type = cls.__dict__.get("event_type")
        if event_type:
            if event_type in _REGISTRY and _REGISTRY[event_type] is not cls:
                raise TypeError(f"event type {event_type} is declared twice")
            _REGISTRY[event_type] = cls

    @classmethod
    def topic(cls) -> str:
        """Topic of the producing service: `chorus.planning.brand.created.v1` -> `chorus.planning`."""
        return ".".join(cls.event_type.split(".")[:2])


def registry() -> dict[str, type[EventPayload]]:
    """Every contract declared so far (import chorus_shared.messaging.contracts.catalog to load them all)."""
    return dict(_REGISTRY)


def payload_class(event_type: str) -> type[EventPayload] | None:
    return _REGISTRY.get(event_type)
