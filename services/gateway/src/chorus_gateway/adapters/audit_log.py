"""The audit log: security-relevant actions, written in the same transaction as the action itself."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_gateway.adapters.orm import AuditEvent
from chorus_shared.auth.principal import Principal


class AuditAction(StrEnum):
    AGENCY_CREATED = "agency.created"
    LOGIN_SUCCEEDED = "login.succeeded"
    LOGIN_FAILED = "login.failed"
    MEMBER_ADDED = "member.added"
    MEMBER_ROLE_CHANGED = "member.role_changed"
    API_KEY_CREATED = "api_key.created"
    API_KEY_REVOKED = "api_key.revoked"


class AuditLog:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def record(
        self,
        *,
        tenant_id: uuid.UUID,
        actor: str,
        action: AuditAction,
        target: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        self.session.add(
            AuditEvent(tenant_id=tenant_id, actor=actor, action=action.value, target=target, details=details or {})
        )

    async def recent(self, *, limit: int = 100) -> list[AuditEvent]:
        statement = select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id).limit(limit)
        return list(await self.session.scalars(statement))


def actor_of(principal: Principal | None) -> str:
    """`user:<id>`, `api_key:<id>`, or `system` for the operator's command line."""
    return "system" if principal is None else f"{principal.subject_kind.value}:{principal.subject}"
