"""A campaign's rules: status transitions, the network vocabulary, valid plans and budgets."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from chorus_planning.domain.budget import ACTIVITIES
from chorus_planning.domain.errors import CampaignStatusTransitionRefused
from chorus_planning.domain.money import amount_errors, currency_errors
from chorus_planning.domain.networks import Network, parse_network
from chorus_shared.errors import FieldError, ValidationFailed

NAME_MAX = 200


class CampaignStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


# Completed and cancelled are final: a campaign that ran is history; a new run is a new campaign.
TRANSITIONS: dict[CampaignStatus, frozenset[CampaignStatus]] = {
    CampaignStatus.DRAFT: frozenset({CampaignStatus.ACTIVE, CampaignStatus.CANCELLED}),
    CampaignStatus.ACTIVE: frozenset({CampaignStatus.COMPLETED, CampaignStatus.CANCELLED}),
    CampaignStatus.COMPLETED: frozenset(),
    CampaignStatus.CANCELLED: frozenset(),
}


def require_transition(current: CampaignStatus, wanted: str) -> CampaignStatus:
    """The status to move to; staying in the current status is allowed and changes nothing."""
    try:
        target = CampaignStatus(wanted)
    except ValueError:
        known = ", ".join(s.value for s in CampaignStatus)
        raise_if([FieldError("status", f"The status is one of: {known}.", "invalid")])
        raise  # unreachable: raise_if raised
    if target != current and target not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(s.value for s in TRANSITIONS[current])) or "none"
        raise CampaignStatusTransitionRefused(
            f"A {current.value} campaign cannot become {target.value} (allowed: {allowed})."
        )
    return target


def plan_errors(
    *, name: str, start_date: dt.date, end_date: dt.date, channels: list[str]
) -> tuple[str, list[FieldError]]:
    """The normalised name and what is wrong with the plan's name, dates and channels."""
    name = " ".join(name.split())
    errors: list[FieldError] = []
    if not name:
        errors.append(FieldError("name", "A campaign needs a name.", "required"))
    elif len(name) > NAME_MAX:
        errors.append(FieldError("name", f"A campaign name has at most {NAME_MAX} characters.", "too_long"))
    if start_date > end_date:
        errors.append(FieldError("end_date", "The campaign cannot end before it starts.", "dates_out_of_order"))
    for index, channel in enumerate(channels):
        if parse_network(channel) is None:
            message = f"{channel!r} is not a network Chorus knows ({', '.join(n.value for n in Network)})."
            errors.append(FieldError(f"channels.{index}", message, "unknown_network"))
    return name, errors


def budget_errors(*, budget: int, currency: str, lines: dict[str, int]) -> list[FieldError]:
    errors = amount_errors("budget", budget) + currency_errors("currency", currency)
    for activity, amount in lines.items():
        if activity not in ACTIVITIES:
            message = f"{activity!r} is not an activity; lines are one of: {', '.join(ACTIVITIES)}."
            errors.append(FieldError(f"lines.{activity}", message, "unknown_activity"))
        errors += amount_errors(f"lines.{activity}", amount)
    total = sum(lines.values())
    if budget >= 0 and total > budget:
        message = f"The lines add up to {total}, more than the campaign budget of {budget} (minor units)."
        errors.append(FieldError("lines", message, "lines_over_budget"))
    return errors


def raise_if(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationFailed("The campaign is not valid.", field_errors=errors)
