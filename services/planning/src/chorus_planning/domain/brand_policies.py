"""A brand's publishing policies: who approves posts, and what happens to a post that missed its time."""

from __future__ import annotations

from dataclasses import dataclass

from chorus_planning.domain.field_checks import member_of
from chorus_shared.errors import FieldError, ValidationFailed
from chorus_shared.messaging.contracts.planning_brand_voice import ApprovalPolicy, LatePostMode

LATE_WINDOW_MAX_MINUTES = 24 * 60
DEFAULT_LATE_WINDOW_MINUTES = 15


@dataclass(frozen=True)
class BrandPolicies:
    """Defaults keep a human in the loop (internal approval) and let a briefly delayed post still go out."""

    approval: ApprovalPolicy = ApprovalPolicy.INTERNAL
    late_post_mode: LatePostMode = LatePostMode.PUBLISH_LATE
    late_window_minutes: int | None = DEFAULT_LATE_WINDOW_MINUTES

    @classmethod
    def parse(cls, *, approval: str, late_post_mode: str, late_window_minutes: int | None) -> BrandPolicies:
        errors: list[FieldError] = []
        approval_value = member_of(ApprovalPolicy, approval, "approval_policy", errors)
        mode = member_of(LatePostMode, late_post_mode, "late_post_mode", errors)
        if mode is LatePostMode.PUBLISH_LATE:
            if late_window_minutes is None:
                errors.append(FieldError("late_window_minutes", "Say how late a post may still go out.", "required"))
            elif not 1 <= late_window_minutes <= LATE_WINDOW_MAX_MINUTES:
                message = f"The window is between 1 and {LATE_WINDOW_MAX_MINUTES} minutes."
                errors.append(FieldError("late_window_minutes", message, "out_of_range"))
        elif mode is LatePostMode.MARK_MISSED and late_window_minutes is not None:
            message = "A missed post is never published late: leave the window empty."
            errors.append(FieldError("late_window_minutes", message, "not_allowed"))
        if errors or approval_value is None or mode is None:
            raise ValidationFailed("The brand policies are not valid.", field_errors=errors)
        return cls(approval=approval_value, late_post_mode=mode, late_window_minutes=late_window_minutes)
