"""Planning's reaction to listening's `crisis.detected`: open the brand's incident, or add to the open one."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime

from chorus_planning.adapters.brands import BrandRepository
from chorus_planning.adapters.crisis_incidents import CrisisIncidentRepository
from chorus_planning.adapters.crisis_playbooks import CrisisPlaybookRepository
from chorus_planning.domain.crisis_incident import CrisisIncident
from chorus_planning.domain.crisis_incident_parts import LISTENING, Detection
from chorus_planning.domain.crisis_playbook import CrisisPlaybook, best_playbook_for
from chorus_planning.service.crisis_incidents import record
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.listening import CrisisDetectedV1
from chorus_shared.messaging.envelope import CloudEvent

log = logging.getLogger(__name__)


async def on_listening_event(uow: UnitOfWork, event: CloudEvent) -> None:
    """Handle one event of `chorus.listening` (the inbox already made redeliveries no-ops)."""
    if event.type != CrisisDetectedV1.event_type:
        return  # listening publishes more than crises; planning ignores the rest
    detected = CrisisDetectedV1.model_validate(event.data)
    if await BrandRepository(uow.session).get(detected.brand_id) is None:
        log.warning("crisis detected for brand %s that planning does not know; ignored", detected.brand_id)
        return
    detection = Detection(
        event_id=event.id,
        detected_at=detected.detected_at,
        severity=detected.severity,
        reason=detected.reason,
        mention_volume=detected.mention_volume,
        negative_share=detected.negative_share,
    )
    incidents = CrisisIncidentRepository(uow.session)
    # The open incident is locked so that a concurrent detection waits and then lands on its timeline; two
    # detections racing with no incident open are settled by the one-open-incident-per-brand unique index.
    incident = await incidents.open_for_brand(detected.brand_id, for_update=True)
    if incident is not None:
        incident.record_detection(detection)
        await incidents.save(incident)
    else:
        incident = CrisisIncident.open(
            tenant_id=uuid.UUID(event.tenantid),
            brand_id=detected.brand_id,
            playbook=await _playbook_for(uow, detected),
            severity=detected.severity,
            reason=detected.reason,
            by=LISTENING,
            now=datetime.now(UTC),
            detection=detection,
        )
        await incidents.add(incident)
    record(uow, incident)


async def _playbook_for(uow: UnitOfWork, detected: CrisisDetectedV1) -> CrisisPlaybook | None:
    """The playbook listening named, when it is still this brand's and active; else the best fitting one."""
    playbooks = CrisisPlaybookRepository(uow.session)
    if detected.playbook_id is not None:
        named = await playbooks.get(detected.playbook_id)
        if named is not None and named.brand_id == detected.brand_id and not named.archived:
            return named
    return best_playbook_for(
        await playbooks.active_oldest_first(detected.brand_id),
        severity=detected.severity,
        mention_volume=detected.mention_volume,
        negative_share=detected.negative_share,
        text=detected.reason,
    )
