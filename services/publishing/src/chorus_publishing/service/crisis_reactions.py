"""Publishing's reaction to crises: listening's detection or planning's incident that asks for a freeze."""

from __future__ import annotations

from chorus_publishing.domain.brand_freeze import FreezeSource
from chorus_publishing.service.brand_freezes import freeze_for_event
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.listening import CrisisDetectedV1
from chorus_shared.messaging.contracts.planning_crisis import CrisisIncidentOpenedV1
from chorus_shared.messaging.envelope import CloudEvent


async def on_crisis_event(uow: UnitOfWork, event: CloudEvent) -> None:
    """Handle one event of `chorus.listening` or `chorus.planning`; everything but crises is ignored."""
    if event.type == CrisisDetectedV1.event_type:
        detected = CrisisDetectedV1.model_validate(event.data)
        # Stop first, think after: a scheduled joke during a crisis does more harm than a delayed post.
        await freeze_for_event(
            uow,
            event,
            brand_id=detected.brand_id,
            reason=f"Crisis detected ({detected.severity}): {detected.reason}",
            source=FreezeSource.CRISIS_DETECTED,
        )
    elif event.type == CrisisIncidentOpenedV1.event_type:
        opened = CrisisIncidentOpenedV1.model_validate(event.data)
        if opened.freeze_publishing:
            await freeze_for_event(
                uow,
                event,
                brand_id=opened.brand_id,
                reason=f"Crisis incident opened ({opened.severity}): {opened.reason}",
                source=FreezeSource.CRISIS_INCIDENT,
            )
