"""Brand rules repository: the guidelines, policies and UTM settings publishing applies to a brand's posts."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_publishing.adapters.post_orm import BrandRulesRow
from chorus_publishing.domain.brand_rules import BrandRules, UtmSettings
from chorus_shared.messaging.contracts.planning_brand_voice import ApprovalPolicy, GuidelinesData, LatePostMode


class BrandRulesRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, tenant_id: uuid.UUID, brand_id: uuid.UUID, *, for_update: bool = False) -> BrandRules:
        """The brand's rules; the defaults when planning has said nothing yet."""
        statement = select(BrandRulesRow).where(BrandRulesRow.brand_id == brand_id)
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return _to_domain(row) if row else BrandRules(tenant_id=tenant_id, brand_id=brand_id)

    async def save(self, rules: BrandRules) -> None:
        row = await self._session.get(BrandRulesRow, rules.brand_id)
        if row is None:
            row = BrandRulesRow(brand_id=rules.brand_id, tenant_id=rules.tenant_id)
            self._session.add(row)
        row.guidelines = rules.guidelines.model_dump(mode="json")
        row.guidelines_version = rules.guidelines_version
        row.approval_policy = rules.approval_policy.value
        row.late_post_mode = rules.late_post_mode.value
        row.late_window_minutes = rules.late_window_minutes
        row.policies_version = rules.policies_version
        row.utm_enabled, row.utm_medium = rules.utm.enabled, rules.utm.medium
        row.utm_campaign_name = rules.utm.campaign_name
        await self._session.flush()


def _to_domain(row: BrandRulesRow) -> BrandRules:
    return BrandRules(
        tenant_id=row.tenant_id,
        brand_id=row.brand_id,
        guidelines=GuidelinesData.model_validate(row.guidelines),
        guidelines_version=row.guidelines_version,
        approval_policy=ApprovalPolicy(row.approval_policy),
        late_post_mode=LatePostMode(row.late_post_mode),
        late_window_minutes=row.late_window_minutes,
        policies_version=row.policies_version,
        utm=UtmSettings(enabled=row.utm_enabled, medium=row.utm_medium, campaign_name=row.utm_campaign_name),
    )
