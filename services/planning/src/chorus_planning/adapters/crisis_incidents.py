"""Crisis incident repository: loads and saves the CrisisIncident aggregate (RLS limits rows to the tenant)."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_planning.adapters.crisis_orm import CrisisIncidentRow
from chorus_planning.domain.crisis_incident import CrisisIncident
from chorus_planning.domain.crisis_incident_parts import ChecklistItem, PostMortem, TimelineEntry, TimelineKind
from chorus_planning.domain.crisis_playbook_rules import EscalationContact, HoldingStatement
from chorus_shared.messaging.contracts.listening import CrisisSeverity


class CrisisIncidentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, incident_id: uuid.UUID, *, for_update: bool = False) -> CrisisIncident | None:
        statement = select(CrisisIncidentRow).where(CrisisIncidentRow.id == incident_id)
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return _to_domain(row) if row else None

    async def open_for_brand(self, brand_id: uuid.UUID, *, for_update: bool = False) -> CrisisIncident | None:
        statement = select(CrisisIncidentRow).where(
            CrisisIncidentRow.brand_id == brand_id, CrisisIncidentRow.closed_at.is_(None)
        )
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return _to_domain(row) if row else None

    async def list_for_brand(
        self, brand_id: uuid.UUID, *, open_only: bool, after: uuid.UUID | None, limit: int
    ) -> list[CrisisIncident]:
        statement = (
            select(CrisisIncidentRow)
            .where(CrisisIncidentRow.brand_id == brand_id)
            .order_by(CrisisIncidentRow.id)
            .limit(limit)
        )
        if open_only:
            statement = statement.where(CrisisIncidentRow.closed_at.is_(None))
        if after is not None:
            statement = statement.where(CrisisIncidentRow.id > after)
        return [_to_domain(row) for row in (await self._session.execute(statement)).scalars().all()]

    async def add(self, incident: CrisisIncident) -> None:
        self._session.add(CrisisIncidentRow(id=incident.id, tenant_id=incident.tenant_id, **_columns(incident)))

    async def save(self, incident: CrisisIncident) -> None:
        row = await self._session.get(CrisisIncidentRow, incident.id)
        if row is None:
            raise LookupError(incident.id)
        for column, value in _columns(incident).items():
            setattr(row, column, value)


def _json(value: Any) -> Any:
    """Dataclass fields as JSONB keeps them: datetimes as ISO 8601 text."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _json(item) for key, item in value.items()}
    return value


def _columns(incident: CrisisIncident) -> dict[str, Any]:
    return {
        "brand_id": incident.brand_id,
        "playbook_id": incident.playbook_id,
        "severity": incident.severity.value,
        "reason": incident.reason,
        "opened_at": incident.opened_at,
        "opened_by": incident.opened_by,
        "freeze_publishing": incident.freeze_publishing,
        "detection_event_id": incident.detection_event_id,
        "checklist": [_json(asdict(item)) for item in incident.checklist],
        "timeline": [_json(asdict(entry)) for entry in incident.timeline],
        "contacts": [asdict(contact) for contact in incident.contacts],
        "holding_statements": [asdict(statement) for statement in incident.statements],
        "closed_at": incident.closed_at,
        "closed_by": incident.closed_by,
        "post_mortem": asdict(incident.post_mortem) if incident.post_mortem else None,
        "version": incident.version,
    }


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _to_domain(row: CrisisIncidentRow) -> CrisisIncident:
    checklist = [
        ChecklistItem(**{**item, "due_at": _time(item["due_at"]), "completed_at": _time(item.get("completed_at"))})
        for item in row.checklist
    ]
    timeline = [
        TimelineEntry(
            kind=TimelineKind(entry["kind"]), at=datetime.fromisoformat(entry["at"]), by=entry["by"], text=entry["text"]
        )
        for entry in row.timeline
    ]
    return CrisisIncident(
        id=row.id,
        tenant_id=row.tenant_id,
        brand_id=row.brand_id,
        playbook_id=row.playbook_id,
        severity=CrisisSeverity(row.severity),
        reason=row.reason,
        opened_at=row.opened_at,
        opened_by=row.opened_by,
        freeze_publishing=row.freeze_publishing,
        detection_event_id=row.detection_event_id,
        checklist=checklist,
        timeline=timeline,
        contacts=tuple(EscalationContact(**contact) for contact in row.contacts),
        statements=tuple(HoldingStatement(**statement) for statement in row.holding_statements),
        closed_at=row.closed_at,
        closed_by=row.closed_by,
        post_mortem=PostMortem(**row.post_mortem) if row.post_mortem else None,
        version=row.version,
    )
