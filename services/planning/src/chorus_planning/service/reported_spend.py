"""Records the campaign spend reporting imports from ad platforms (`chorus.reporting.campaign_spend.reported.v1`).

Each spend is recorded once per (source, external reference): the inbox drops a redelivered event, and the unique
reference drops a report sent again under a new event id. A report planning cannot take (an unknown campaign, a
currency or line the campaign does not have, a malformed payload) is logged and dropped rather than raised: it
would fail the same way on every retry, and raising would hold the partition back until it reached the dead
letters. Reporting has to correct it at its source and report it again.
"""

from __future__ import annotations

import logging

from pydantic import ValidationError

from chorus_planning.adapters.campaigns import CampaignRepository
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import ValidationFailed
from chorus_shared.messaging.contracts.reporting import CampaignSpendReportedV1
from chorus_shared.messaging.envelope import CloudEvent

log = logging.getLogger(__name__)


async def on_campaign_spend(uow: UnitOfWork, event: CloudEvent) -> None:
    if event.type != CampaignSpendReportedV1.event_type:
        return  # reporting publishes more than spend
    try:
        reported = CampaignSpendReportedV1.model_validate(event.data)
    except ValidationError as malformed:
        _dropped(event, f"malformed report: {malformed.error_count()} error(s)")
        return
    repository = CampaignRepository(uow.session)
    # Locked: this spend and any other on the campaign cross each budget threshold exactly once.
    campaign = await repository.get(reported.campaign_id, for_update=True)
    if campaign is None or campaign.brand_id != reported.brand_id:
        _dropped(event, f"no campaign {reported.campaign_id} of brand {reported.brand_id}")
        return
    try:
        entry = campaign.record_spend(
            line=reported.line,
            amount=reported.amount_minor,
            currency=reported.currency,
            spent_on=reported.spent_on,
            note=f"Reported by {reported.source} ({reported.external_reference}).",
        )
    except ValidationFailed as refused:
        _dropped(event, "; ".join(f"{e.field}: {e.message}" for e in refused.field_errors))
        return
    if not await repository.add_reported_spend(
        campaign, entry, source=reported.source, external_reference=reported.external_reference
    ):
        log.info("spend %s/%s already recorded", reported.source, reported.external_reference)
        return
    await repository.save(campaign)
    uow.emit_all((e, campaign.id) for e in campaign.events)
    campaign.events.clear()


def _dropped(event: CloudEvent, why: str) -> None:
    log.warning("reported campaign spend dropped: %s", why, extra={"event_id": event.id, "tenant_id": event.tenantid})
