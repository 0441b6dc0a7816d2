"""What publishing keeps of a brand's rules: planning's guidelines and policies, and its own UTM settings.

Guidelines and policies are copies, replaced whole by planning's events (older versions dropped); UTM settings
are publishing's own, set through the API.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from chorus_shared.messaging.contracts.planning_brand_voice import ApprovalPolicy, GuidelinesData, LatePostMode

# Until planning says otherwise a post needs an agency approval, like planning's own default for a new brand.
DEFAULT_APPROVAL = ApprovalPolicy.INTERNAL
DEFAULT_LATE_WINDOW_MINUTES = 15


@dataclass(frozen=True)
class UtmSettings:
    """How links of the brand's posts are tagged. `campaign_name` replaces the campaign id in utm_campaign."""

    enabled: bool = True
    medium: str = "social"
    campaign_name: str | None = None


@dataclass
class BrandRules:
    tenant_id: uuid.UUID
    brand_id: uuid.UUID
    guidelines: GuidelinesData = field(default_factory=GuidelinesData)
    guidelines_version: int = 0
    approval_policy: ApprovalPolicy = DEFAULT_APPROVAL
    late_post_mode: LatePostMode = LatePostMode.PUBLISH_LATE
    late_window_minutes: int | None = DEFAULT_LATE_WINDOW_MINUTES
    policies_version: int = 0
    utm: UtmSettings = field(default_factory=UtmSettings)

    def take_guidelines(self, guidelines: GuidelinesData, version: int) -> bool:
        """Keep `guidelines` unless a newer version is already kept; True when they were taken."""
        if version <= self.guidelines_version:
            return False
        self.guidelines, self.guidelines_version = guidelines, version
        return True

    def take_policies(
        self, *, approval: ApprovalPolicy, late_mode: LatePostMode, late_window: int | None, version: int
    ) -> bool:
        if version <= self.policies_version:
            return False
        self.approval_policy, self.late_post_mode, self.late_window_minutes = approval, late_mode, late_window
        self.policies_version = version
        return True
