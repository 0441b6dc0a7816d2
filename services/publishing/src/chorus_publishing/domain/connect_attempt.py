"""One OAuth connect in progress: the state a network hands back, whose it is, until when, and whether it was used.

A state is good once, for the person who started it, before it expires; anything else is refused.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from chorus_publishing.domain.channel import Network
from chorus_publishing.domain.errors import ConnectStateRefused
from chorus_shared.errors import FieldError


@dataclass
class ConnectAttempt:
    id: uuid.UUID
    tenant_id: uuid.UUID
    brand_id: uuid.UUID
    network: Network
    started_by: str
    created_at: datetime
    expires_at: datetime
    channel_id: uuid.UUID | None = None  # set when reconnecting a known channel
    used_at: datetime | None = None

    def use(self, *, by: str, now: datetime) -> None:
        if self.used_at is not None:
            raise _refused("This connect link was already used; start again.", "used")
        if now >= self.expires_at:
            raise _refused("This connect link expired; start again.", "expired")
        if by != self.started_by:
            raise _refused("This connect link was started by someone else.", "other_user")
        self.used_at = now


def unknown_state() -> ConnectStateRefused:
    return _refused("No connect was started with this state.", "unknown")


def _refused(message: str, code: str) -> ConnectStateRefused:
    return ConnectStateRefused("The connect state is refused.", field_errors=[FieldError("state", message, code)])
