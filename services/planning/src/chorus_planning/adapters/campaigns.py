"""Campaign repository: campaigns with their budget lines, and their spend entries. RLS limits rows to the tenant."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_planning.adapters.campaigns_orm import BudgetLineRow, CampaignRow, SpendEntryRow
from chorus_planning.domain.budget import ACTIVITIES, BudgetLine, SpendEntry
from chorus_planning.domain.campaign import Campaign
from chorus_planning.domain.campaign_rules import CampaignStatus


class CampaignRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, campaign_id: uuid.UUID, *, for_update: bool = False) -> Campaign | None:
        statement = select(CampaignRow).where(CampaignRow.id == campaign_id)
        if for_update:
            # Spend and budget changes of one campaign serialise here, so each threshold is crossed exactly once.
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        if row is None:
            return None
        return _to_domain(row, (await self._lines([row.id])).get(row.id, []))

    async def page(
        self, *, brand_ids: Sequence[uuid.UUID] | None, after: uuid.UUID | None, limit: int
    ) -> list[Campaign]:
        statement = select(CampaignRow).order_by(CampaignRow.id).limit(limit)
        if brand_ids is not None:
            statement = statement.where(CampaignRow.brand_id.in_(brand_ids))
        if after is not None:
            statement = statement.where(CampaignRow.id > after)
        rows = (await self._session.execute(statement)).scalars().all()
        lines = await self._lines([row.id for row in rows])
        return [_to_domain(row, lines.get(row.id, [])) for row in rows]

    async def add(self, campaign: Campaign) -> None:
        row = CampaignRow(id=campaign.id, tenant_id=campaign.tenant_id, brand_id=campaign.brand_id)
        _fill(row, campaign)
        self._session.add(row)
        await self._replace_lines(campaign)

    async def save(self, campaign: Campaign) -> None:
        row = await self._session.get(CampaignRow, campaign.id)
        if row is None:
            raise LookupError(campaign.id)
        _fill(row, campaign)
        await self._replace_lines(campaign)

    async def _replace_lines(self, campaign: Campaign) -> None:
        await self._session.flush()
        # A handful of lines per campaign: replacing them is simpler than diffing and just as exact. Core statements
        # both ways, so no stale line objects linger in the session (a consumer batch loads a campaign again).
        await self._session.execute(delete(BudgetLineRow).where(BudgetLineRow.campaign_id == campaign.id))
        if campaign.lines:
            await self._session.execute(
                insert(BudgetLineRow).values(
                    [
                        {
                            "campaign_id": campaign.id,
                            "tenant_id": campaign.tenant_id,
                            "activity": line.activity,
                            "amount": line.amount,
                            "spent": line.spent,
                        }
                        for line in campaign.lines.values()
                    ]
                )
            )

    async def add_spend(self, campaign: Campaign, entry: SpendEntry, *, recorded_by: str) -> None:
        self._session.add(
            SpendEntryRow(
                id=entry.id,
                tenant_id=campaign.tenant_id,
                campaign_id=entry.campaign_id,
                line=entry.line,
                amount=entry.amount,
                currency=entry.currency,
                spent_on=entry.spent_on,
                note=entry.note,
                recorded_by=recorded_by,
            )
        )

    async def add_reported_spend(
        self, campaign: Campaign, entry: SpendEntry, *, source: str, external_reference: str
    ) -> bool:
        """Record spend a source reported; False (nothing written) when that source's reference is already in."""
        statement = (
            insert(SpendEntryRow)
            .values(
                id=entry.id,
                tenant_id=campaign.tenant_id,
                campaign_id=entry.campaign_id,
                line=entry.line,
                amount=entry.amount,
                currency=entry.currency,
                spent_on=entry.spent_on,
                note=entry.note,
                recorded_by=f"reporting:{source}",
                source=source,
                external_reference=external_reference,
            )
            .on_conflict_do_nothing()
            .returning(SpendEntryRow.id)
        )
        return (await self._session.execute(statement)).scalar_one_or_none() is not None

    async def spend(self, campaign_id: uuid.UUID, *, after: uuid.UUID | None, limit: int) -> list[SpendEntry]:
        statement = (
            select(SpendEntryRow)
            .where(SpendEntryRow.campaign_id == campaign_id)
            .order_by(SpendEntryRow.id)
            .limit(limit)
        )
        if after is not None:
            statement = statement.where(SpendEntryRow.id > after)
        rows = (await self._session.execute(statement)).scalars().all()
        return [SpendEntry(r.id, r.campaign_id, r.line, r.amount, r.currency, r.spent_on, r.note) for r in rows]

    async def _lines(self, campaign_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[BudgetLine]]:
        if not campaign_ids:
            return {}
        statement = (
            select(BudgetLineRow)
            .where(BudgetLineRow.campaign_id.in_(campaign_ids))
            .execution_options(populate_existing=True)
        )
        found: dict[uuid.UUID, list[BudgetLine]] = {}
        for row in (await self._session.execute(statement)).scalars():
            found.setdefault(row.campaign_id, []).append(BudgetLine(row.activity, row.amount, row.spent))
        return found


def _to_domain(row: CampaignRow, lines: list[BudgetLine]) -> Campaign:
    return Campaign(
        id=row.id,
        tenant_id=row.tenant_id,
        brand_id=row.brand_id,
        name=row.name,
        start_date=row.start_date,
        end_date=row.end_date,
        objective_ids=list(row.objective_ids),
        channels=list(row.channels),
        budget=row.budget,
        currency=row.currency,
        lines={line.activity: line for line in sorted(lines, key=_activity_order)},
        status=CampaignStatus(row.status),
        version=row.version,
    )


def _fill(row: CampaignRow, campaign: Campaign) -> None:
    row.name, row.start_date, row.end_date = campaign.name, campaign.start_date, campaign.end_date
    row.objective_ids, row.channels = list(campaign.objective_ids), list(campaign.channels)
    row.status, row.budget, row.currency = campaign.status.value, campaign.budget, campaign.currency
    row.version = campaign.version


def _activity_order(line: BudgetLine) -> int:
    return ACTIVITIES.index(line.activity) if line.activity in ACTIVITIES else len(ACTIVITIES)
