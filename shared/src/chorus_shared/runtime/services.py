"""The services `chorus up` runs, named by module so that the shared library imports none of them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceProcessSpec:
    name: str
    port_offset: int
    has_worker: bool = True

    @property
    def module(self) -> str:
        return f"chorus_{self.name}"

    @property
    def env_prefix(self) -> str:
        return f"CHORUS_{self.name.upper()}_"


GATEWAY = ServiceProcessSpec("gateway", 0, has_worker=False)
SERVICES = (
    ServiceProcessSpec("planning", 1),
    ServiceProcessSpec("publishing", 2),
    ServiceProcessSpec("listening", 3),
    ServiceProcessSpec("reporting", 4),
)
ALL = (*SERVICES, GATEWAY)
# The embedded bus lives in its own database, provisioned like a service's.
BUS_DATABASE = "bus"
