"""The metrics collector: reads due posts' counters from their networks, stores them and says so in an event.

Several collectors (one per worker replica) run at once. Each claims due schedules across tenants from the index
(SKIP LOCKED, then a lease), so no two read the same schedule at the same time; then, per schedule, it takes the
channel's credentials in a transaction scoped to the tenant, calls the network outside any transaction, and records
the outcome in a second tenant transaction that first checks its claim still holds.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.metric_schedule_index import Claim, claim_due, forget, index, still_holds
from chorus_publishing.adapters.metric_schedules import MetricScheduleRepository
from chorus_publishing.adapters.networks.connector import Credentials, NetworkConnector, PostMetrics
from chorus_publishing.adapters.orm import outbox
from chorus_publishing.adapters.token_cipher import KeyRing, TokenDecryptionFailed
from chorus_publishing.domain.errors import ChannelDisconnected, ChannelNotFound
from chorus_publishing.domain.metrics_schedule import MetricsSchedule
from chorus_publishing.service import channels
from chorus_publishing.service.metrics_outcomes import Outcome, apply_outcome
from chorus_publishing.settings import PublishingSettings
from chorus_shared.db.uow import UnitOfWork

log = logging.getLogger(__name__)
SOURCE = "chorus.publishing"


@dataclass(frozen=True)
class CollectorConfig:
    batch_size: int = 50
    lease: timedelta = timedelta(seconds=120)
    poll_s: float = 15.0
    concurrency: int = 8
    retry_base: timedelta = timedelta(minutes=5)
    retry_cap: timedelta = timedelta(hours=6)

    @classmethod
    def from_settings(cls, settings: PublishingSettings) -> CollectorConfig:
        return cls(
            batch_size=settings.metrics_batch_size,
            lease=timedelta(seconds=settings.metrics_lease_s),
            poll_s=settings.metrics_poll_s,
            concurrency=settings.metrics_concurrency,
            retry_base=timedelta(seconds=settings.metrics_retry_base_s),
            retry_cap=timedelta(seconds=settings.metrics_retry_cap_s),
        )


@dataclass(frozen=True)
class _Ready:
    schedule: MetricsSchedule
    connector: NetworkConnector
    credentials: Credentials


class MetricsCollector:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        connectors: Mapping[str, NetworkConnector],
        config: CollectorConfig | None = None,
        keys: KeyRing | None = None,
    ) -> None:
        self._sessions = sessions
        self._connectors = connectors
        self._config = config or CollectorConfig()
        self._keys = keys
        self._backoff = {"retry_base": self._config.retry_base, "retry_cap": self._config.retry_cap}

    async def run(self, stop: asyncio.Event) -> None:
        """Collect due metrics every `poll_s` (at once again while batches come back full) until `stop`."""
        while not stop.is_set():
            try:
                outcomes = await self.collect_due()
            except Exception:  # a bad round (database restarting...) must not stop the worker
                log.exception("metrics collection round failed")
                outcomes = Counter()
            if outcomes.total() < self._config.batch_size:
                try:
                    await asyncio.wait_for(stop.wait(), timeout=self._config.poll_s)
                except TimeoutError:
                    pass

    async def collect_due(self, now: datetime | None = None) -> Counter[Outcome]:
        """One round: claim a batch of due schedules and read each; returns how each reading ended."""
        async with self._sessions() as session, session.begin():
            claims = await claim_due(
                session, now=now or datetime.now(UTC), lease=self._config.lease, limit=self._config.batch_size
            )
        gate = asyncio.Semaphore(self._config.concurrency)

        async def one(claim: Claim) -> Outcome:
            async with gate:
                return await self._collect(claim)

        return Counter(await asyncio.gather(*(one(claim) for claim in claims)))

    async def _collect(self, claim: Claim) -> Outcome:
        try:
            ready = await self._prepare(claim)
            if isinstance(ready, str):
                return ready
            result: PostMetrics | Exception
            try:
                result = await ready.connector.fetch_metrics(ready.credentials, ready.schedule.network_post_id)
            except Exception as failure:  # every failure, mapped or not, is recorded on the schedule
                result = failure
            return await self._record(claim, result)
        except Exception:  # this schedule only: its lease runs out and it is due again
            log.exception("metrics reading failed", extra={"schedule_id": str(claim.schedule_id)})
            return "error"

    async def _prepare(self, claim: Claim) -> _Ready | Outcome:
        async with self._uow(claim) as uow:
            schedule = await self._claimed(uow, claim)
            if schedule is None:
                await uow.commit()
                return "skipped"
            connector = self._connectors.get(schedule.network)
            try:
                if connector is None:
                    raise ChannelNotFound(f"Chorus has no connector for {schedule.network}.")
                _, credentials = await channels.credentials_for(uow, schedule.channel_id, keys=self._keys)
            except (ChannelNotFound, ChannelDisconnected, TokenDecryptionFailed) as trouble:
                outcome = await apply_outcome(uow, schedule, trouble, **self._backoff)
                await uow.commit()
                return outcome
            return _Ready(schedule, connector, credentials)

    async def _record(self, claim: Claim, result: PostMetrics | Exception) -> Outcome:
        async with self._uow(claim) as uow:
            schedule = await self._claimed(uow, claim)
            if schedule is None:
                return "skipped"
            outcome = await apply_outcome(uow, schedule, result, **self._backoff)
            await uow.commit()
            return outcome

    async def _claimed(self, uow: UnitOfWork, claim: Claim) -> MetricsSchedule | None:
        """The claimed schedule, locked; None when the claim was lost or there is nothing left to read."""
        if not await still_holds(uow.session, claim):
            log.warning("metrics claim lost to another collector", extra={"schedule_id": str(claim.schedule_id)})
            return None
        schedule = await MetricScheduleRepository(uow.session).get(claim.schedule_id, for_update=True)
        if schedule is None:
            await forget(uow.session, claim.schedule_id)
        elif not schedule.is_due:
            await index(uow.session, schedule)
            return None
        return schedule

    def _uow(self, claim: Claim) -> UnitOfWork:
        return UnitOfWork(self._sessions, outbox=outbox, source=SOURCE, tenant_id=claim.tenant_id)
