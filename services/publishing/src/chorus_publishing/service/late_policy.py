"""How late a brand's post may still go out: the late-post policy planning set for the brand, kept in brand_rules."""

from __future__ import annotations

from chorus_publishing.adapters.dispatch_records import BrandStanding
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_shared.messaging.contracts.planning_brand_voice import LatePostMode


def late_window_s(brand: BrandStanding, config: DispatchConfig) -> int:
    """Seconds past its due time the brand's post may still be sent on its first attempt; beyond, it is missed."""
    if brand.late_post_mode is None or brand.policies_version == 0:
        return config.late_window_s  # planning never said: the service default
    if brand.late_post_mode is LatePostMode.PUBLISH_LATE and brand.late_window_minutes is None:
        return config.late_window_s  # "late" without a bound: the service default
    if brand.late_post_mode is LatePostMode.MARK_MISSED:
        # "Never late" still allows the dispatcher's own pace: within late_after_s a post is on time, not late.
        return int(config.late_after_s)
    return (brand.late_window_minutes or 0) * 60
