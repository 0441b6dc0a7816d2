"""Crisis playbook repository: loads and saves the CrisisPlaybook aggregate (RLS limits rows to the tenant)."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_planning.adapters.crisis_orm import CrisisPlaybookRow
from chorus_planning.domain.crisis_playbook import CrisisPlaybook, PlaybookContent
from chorus_planning.domain.crisis_playbook_rules import (
    EscalationContact,
    HoldingStatement,
    ResponseStep,
    TriggerConditions,
)


class CrisisPlaybookRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, playbook_id: uuid.UUID, *, for_update: bool = False) -> CrisisPlaybook | None:
        statement = select(CrisisPlaybookRow).where(CrisisPlaybookRow.id == playbook_id)
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return _to_domain(row) if row else None

    async def list_for_brand(
        self, brand_id: uuid.UUID, *, include_archived: bool, after: uuid.UUID | None = None, limit: int = 1000
    ) -> list[CrisisPlaybook]:
        statement = (
            select(CrisisPlaybookRow).where(CrisisPlaybookRow.brand_id == brand_id).order_by(CrisisPlaybookRow.id)
        )
        if not include_archived:
            statement = statement.where(CrisisPlaybookRow.archived.is_(False))
        if after is not None:
            statement = statement.where(CrisisPlaybookRow.id > after)
        rows = (await self._session.execute(statement.limit(limit))).scalars().all()
        return [_to_domain(row) for row in rows]

    async def active_oldest_first(self, brand_id: uuid.UUID) -> list[CrisisPlaybook]:
        statement = (
            select(CrisisPlaybookRow)
            .where(CrisisPlaybookRow.brand_id == brand_id, CrisisPlaybookRow.archived.is_(False))
            .order_by(CrisisPlaybookRow.created_at, CrisisPlaybookRow.id)
        )
        return [_to_domain(row) for row in (await self._session.execute(statement)).scalars().all()]

    async def add(self, playbook: CrisisPlaybook) -> None:
        self._session.add(CrisisPlaybookRow(id=playbook.id, tenant_id=playbook.tenant_id, **_columns(playbook)))

    async def save(self, playbook: CrisisPlaybook) -> None:
        row = await self._session.get(CrisisPlaybookRow, playbook.id)
        if row is None:
            raise LookupError(playbook.id)
        for column, value in _columns(playbook).items():
            setattr(row, column, value)


def _columns(playbook: CrisisPlaybook) -> dict[str, Any]:
    content = playbook.content
    trigger = asdict(content.trigger)
    trigger["keywords"] = list(content.trigger.keywords)
    return {
        "brand_id": playbook.brand_id,
        "name": content.name,
        "scenario": content.scenario,
        "custom_scenario": content.custom_scenario,
        "severity": content.severity,
        "trigger": trigger,
        "steps": [asdict(step) for step in content.steps],
        "holding_statements": [asdict(statement) for statement in content.holding_statements],
        "contacts": [asdict(contact) for contact in content.contacts],
        "freeze_publishing": content.freeze_publishing,
        "notify_contacts": content.notify_contacts,
        "archived": playbook.archived,
        "version": playbook.version,
    }


def _to_domain(row: CrisisPlaybookRow) -> CrisisPlaybook:
    trigger = dict(row.trigger)
    trigger["keywords"] = tuple(trigger.get("keywords", ()))
    content = PlaybookContent(
        name=row.name,
        scenario=row.scenario,
        custom_scenario=row.custom_scenario,
        severity=row.severity,
        trigger=TriggerConditions(**trigger),
        steps=tuple(ResponseStep(**step) for step in row.steps),
        holding_statements=tuple(HoldingStatement(**statement) for statement in row.holding_statements),
        contacts=tuple(EscalationContact(**contact) for contact in row.contacts),
        freeze_publishing=row.freeze_publishing,
        notify_contacts=row.notify_contacts,
    )
    return CrisisPlaybook(
        id=row.id,
        tenant_id=row.tenant_id,
        brand_id=row.brand_id,
        content=content,
        archived=row.archived,
        version=row.version,
    )
