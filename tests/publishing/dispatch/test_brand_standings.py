"""What the dispatcher reads of each brand as it starts a batch, under the brands' freeze locks: frozen or not, and
the late-post policy planning set (or none), as stored; another agency's brand shows nothing of its own state."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.brand_rules import BrandRulesRepository
from chorus_publishing.adapters.dispatch_records import BrandStanding, DispatchRecords
from chorus_publishing.service.brand_freezes import freeze_brand
from chorus_publishing.testing.dispatch_kit import known_brand, uow_for
from chorus_shared.auth import Role
from chorus_shared.messaging.contracts.planning_brand_voice import ApprovalPolicy, LatePostMode
from chorus_shared.testing.http import principal


async def _policies(
    sessions: async_sessionmaker[AsyncSession],
    tenant: uuid.UUID,
    brand: uuid.UUID,
    mode: LatePostMode,
    window: int | None,
    version: int,
) -> None:
    async with uow_for(sessions, tenant) as uow:
        repository = BrandRulesRepository(uow.session)
        rules = await repository.get(tenant, brand)
        rules.take_policies(approval=ApprovalPolicy.NONE, late_mode=mode, late_window=window, version=version)
        await repository.save(rules)
        await uow.commit()


async def _freeze(sessions: async_sessionmaker[AsyncSession], tenant: uuid.UUID, brand: uuid.UUID) -> None:
    async with uow_for(sessions, tenant) as uow:
        smm = principal(tenant, Role.SOCIAL_MEDIA_MANAGER)
        await freeze_brand(uow=uow, principal=smm, brand_id=brand, reason="Recall announced")
        await uow.commit()


async def test_each_brand_reads_as_frozen_or_not_with_its_late_post_policy(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant, elsewhere = uuid.uuid4(), uuid.uuid4()
    untold, never_late, late_unbounded, late_30 = [await known_brand(sessions, tenant) for _ in range(4)]
    theirs = await known_brand(sessions, elsewhere)
    await _policies(sessions, tenant, never_late, LatePostMode.MARK_MISSED, 10, 3)
    await _policies(sessions, tenant, late_unbounded, LatePostMode.PUBLISH_LATE, None, 2)
    await _policies(sessions, tenant, late_30, LatePostMode.PUBLISH_LATE, 30, 1)
    await _policies(sessions, elsewhere, theirs, LatePostMode.MARK_MISSED, None, 4)
    await _freeze(sessions, tenant, late_30)
    await _freeze(sessions, elsewhere, theirs)

    async with uow_for(sessions, tenant) as uow:
        asked = [late_30, untold, never_late, late_unbounded, theirs]
        standings = await DispatchRecords(uow.session).hold_brands(asked)

    assert standings == {
        untold: BrandStanding(False, None, None, 0),
        never_late: BrandStanding(False, LatePostMode.MARK_MISSED, 10, 3),
        late_unbounded: BrandStanding(False, LatePostMode.PUBLISH_LATE, None, 2),
        late_30: BrandStanding(True, LatePostMode.PUBLISH_LATE, 30, 1),
        theirs: BrandStanding(False, None, None, 0),  # row-level security: nothing of another agency's brand
    }
