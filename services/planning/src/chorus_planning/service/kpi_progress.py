"""Records the KPI progress reporting measures (`chorus.reporting.kpi.progress_updated.v1`) against planning's KPIs."""

from __future__ import annotations

import logging
import uuid

from chorus_planning.adapters.kpi_progress import KpiProgressRepository
from chorus_planning.domain.kpi_progress import KpiProgress
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.reporting import KpiProgressUpdatedV1
from chorus_shared.messaging.envelope import CloudEvent

log = logging.getLogger(__name__)


async def on_kpi_progress(uow: UnitOfWork, event: CloudEvent) -> None:
    """Keep the newest measurement per KPI. The inbox drops redeliveries; `computed_at` drops stale ones."""
    if event.type != KpiProgressUpdatedV1.event_type:
        return  # reporting publishes more than KPI progress
    measured = KpiProgressUpdatedV1.model_validate(event.data)
    repository = KpiProgressRepository(uow.session)
    if not await repository.kpi_exists(kpi_id=measured.kpi_id, objective_id=measured.objective_id):
        # The KPI was removed (or never was this tenant's): there is nothing to show progress against.
        log.info("progress for unknown KPI %s of objective %s ignored", measured.kpi_id, measured.objective_id)
        return
    progress = KpiProgress(
        kpi_id=measured.kpi_id,
        objective_id=measured.objective_id,
        value=measured.value,
        period_start=measured.period_start,
        period_end=measured.period_end,
        computed_at=measured.computed_at,
    )
    await repository.record(progress, tenant_id=uuid.UUID(event.tenantid), event_id=event.id)
