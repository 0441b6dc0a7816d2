"""How late a brand's post may still go out: the late-post policy planning set for the brand, kept in brand_rules."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from chorus_publishing.adapters.brand_rules import BrandRulesRepository
from chorus_publishing.domain.brand_rules import BrandRules
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.planning_brand_voice import LatePostMode


async def late_windows(uow: UnitOfWork, brand_ids: Iterable[uuid.UUID], config: DispatchConfig) -> dict[uuid.UUID, int]:
    """Seconds past its due time each brand's post may still be sent on its first attempt; beyond, it is missed."""
    assert uow.tenant_id is not None
    rules = await BrandRulesRepository(uow.session).get_many(uow.tenant_id, brand_ids)
    return {brand: late_window_s(brand_rules, config) for brand, brand_rules in rules.items()}


def late_window_s(rules: BrandRules, config: DispatchConfig) -> int:
    if rules.policies_version == 0 or (
        rules.late_post_mode is LatePostMode.PUBLISH_LATE and rules.late_window_minutes is None
    ):
        return config.late_window_s  # planning never said (or said "late" without a bound): the service default
    if rules.late_post_mode is LatePostMode.MARK_MISSED:
        # "Never late" still allows the dispatcher's own pace: within late_after_s a post is on time, not late.
        return int(config.late_after_s)
    return (rules.late_window_minutes or 0) * 60
