"""Brand repository: loads and saves the Brand aggregate. RLS already limits rows to the current tenant."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_planning.adapters.orm import BrandRow
from chorus_planning.domain.brand import Brand
from chorus_planning.domain.brand_guidelines import BrandGuidelines
from chorus_planning.domain.brand_policies import BrandPolicies
from chorus_shared.messaging.contracts.planning_brand_voice import ApprovalPolicy, GuidelinesData, LatePostMode


class BrandRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, brand_id: uuid.UUID, *, for_update: bool = False) -> Brand | None:
        statement = select(BrandRow).where(BrandRow.id == brand_id)
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return _to_domain(row) if row else None

    async def list(
        self, *, ids: Sequence[uuid.UUID] | None, include_archived: bool, after: uuid.UUID | None, limit: int
    ) -> list[Brand]:
        statement = select(BrandRow).order_by(BrandRow.id).limit(limit)
        if ids is not None:
            statement = statement.where(BrandRow.id.in_(ids))
        if not include_archived:
            statement = statement.where(BrandRow.archived.is_(False))
        if after is not None:
            statement = statement.where(BrandRow.id > after)
        rows = (await self._session.execute(statement)).scalars().all()
        return [_to_domain(row) for row in rows]

    async def add(self, brand: Brand) -> None:
        self._session.add(
            BrandRow(
                id=brand.id,
                tenant_id=brand.tenant_id,
                name=brand.name,
                timezone=brand.timezone,
                languages=brand.languages,
                archived=brand.archived,
                version=brand.version,
                **_voice_columns(brand),
            )
        )

    async def save(self, brand: Brand) -> None:
        row = await self._session.get(BrandRow, brand.id)
        if row is None:
            raise LookupError(brand.id)
        row.name, row.timezone, row.languages = brand.name, brand.timezone, brand.languages
        row.archived, row.version = brand.archived, brand.version
        for column, value in _voice_columns(brand).items():
            setattr(row, column, value)


def _voice_columns(brand: Brand) -> dict[str, object]:
    return {
        "client_name": brand.client_name,
        "guidelines": brand.guidelines.to_data().model_dump(mode="json"),
        "approval_policy": brand.policies.approval.value,
        "late_post_mode": brand.policies.late_post_mode.value,
        "late_window_minutes": brand.policies.late_window_minutes,
    }


def _to_domain(row: BrandRow) -> Brand:
    return Brand(
        id=row.id,
        tenant_id=row.tenant_id,
        name=row.name,
        timezone=row.timezone,
        languages=list(row.languages),
        archived=row.archived,
        version=row.version,
        client_name=row.client_name,
        guidelines=BrandGuidelines.from_data(GuidelinesData.model_validate(row.guidelines)),
        policies=BrandPolicies(
            approval=ApprovalPolicy(row.approval_policy),
            late_post_mode=LatePostMode(row.late_post_mode),
            late_window_minutes=row.late_window_minutes,
        ),
    )
