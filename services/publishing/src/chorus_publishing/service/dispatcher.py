"""The dispatcher: one replica of the worker loop that claims due publications, sends them, and records the answer.

Any number of replicas run at once. Claims take leases with `FOR UPDATE SKIP LOCKED` in short transactions; the
network is called outside any transaction; a publication is marked `sending` (and committed) before its request
leaves, so a replica that dies mid-send leaves a trace that reconciliation follows instead of sending again.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chorus_publishing.adapters.dispatch_queue import Claimed, DispatchQueue
from chorus_publishing.adapters.networks.connector import NetworkConnector
from chorus_publishing.adapters.networks.errors import NetworkError
from chorus_publishing.adapters.orm import outbox
from chorus_publishing.service import reconciliation
from chorus_publishing.service.channel_access import ChannelAccess
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_publishing.service.dispatch_record import SendResult, record_batch
from chorus_publishing.service.dispatch_start import SendJob, start_batch
from chorus_publishing.service.dispatch_sweeps import expire_leases, resume_thawed_brands
from chorus_publishing.service.outgoing_media import MediaSource, network_content
from chorus_shared.db.uow import UnitOfWork

log = logging.getLogger(__name__)
SOURCE = "chorus.publishing"
GATHER_TICK_S = 0.02


class Dispatcher:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        connectors: Mapping[str, NetworkConnector],
        channels: ChannelAccess,
        config: DispatchConfig | None = None,
        worker_id: str | None = None,
        media: MediaSource | None = None,
    ) -> None:
        self._sessions = sessions
        self._media = media
        self._connectors = connectors
        self._channels = channels
        self.config = config or DispatchConfig()
        self.worker_id = worker_id or f"dispatcher-{uuid.uuid4().hex[:12]}"
        self._results: asyncio.Queue[SendResult] = asyncio.Queue()
        self._in_flight = 0
        self._room = asyncio.Event()  # set each time recorded answers give their in-flight slots back
        self._behind = False  # the last claim was full: more is due than this replica has slots for
        self._waiting_for_room = False  # the claim loop waits for in-flight slots
        self._sending: set[asyncio.Task[None]] = set()  # held so the loop does not drop running sends

    async def run(self, stop: asyncio.Event) -> None:
        """Until `stop` is set; then lets the sends in flight finish and records them."""
        recorder = asyncio.create_task(self._record_forever())
        sweeper = asyncio.create_task(self._sweep_forever(stop))
        try:
            while not stop.is_set():
                try:
                    more = await self.dispatch_once()
                except Exception:
                    # The database refused the claim (restarting, a connection cut on the way): nothing was started.
                    log.exception("claiming due publications failed; trying again")
                    more = False
                if not more:
                    # Everything due so far is claimed: what falls due next gathers for `poll_s` into one batch.
                    # Claiming again at once would start posts a few at a time, each batch paying its statements.
                    await _wait(stop, self.config.poll_s)
        finally:
            while self._in_flight:
                await asyncio.sleep(0.01)
            recorder.cancel()
            sweeper.cancel()
            await asyncio.gather(recorder, sweeper, return_exceptions=True)

    async def dispatch_once(self) -> bool:
        """Claims what fits in flight and starts sending it; False after a short claim (nothing more due, or the
        rest held by another replica), when the loop lets the next due posts gather."""
        room = self.config.max_in_flight - self._in_flight
        if room < min(self.config.batch_size, self.config.max_in_flight) // 4 + 1:
            self._room.clear()
            self._waiting_for_room = True
            try:
                await self._room.wait()
            finally:
                self._waiting_for_room = False
            return True
        limit = min(room, self.config.batch_size)
        async with self._sessions() as session, session.begin():
            claimed = await DispatchQueue(session).claim(
                from_phase="due",
                to_phase="claimed",
                owner=self.worker_id,
                limit=limit,
                lease_s=self.config.lease_s,
            )
        for tenant_id, rows in _by_tenant(claimed).items():
            try:
                jobs = await self._start(tenant_id, [r.publication_id for r in rows])
            except Exception:
                # One tenant's trouble must not hold the others; when its claims' lease ends, reconciliation finds
                # them never started and puts them back as due.
                log.exception("starting %d publications of tenant %s failed", len(rows), tenant_id)
                continue
            for job in jobs:
                self._in_flight += 1
                task = asyncio.create_task(self._send(job))
                self._sending.add(task)
                task.add_done_callback(self._sending.discard)
        self._behind = len(claimed) == limit
        return self._behind

    async def _start(self, tenant_id: uuid.UUID, ids: list[uuid.UUID]) -> list[SendJob]:
        async with self._uow(tenant_id) as uow:
            jobs = await start_batch(
                uow,
                ids,
                owner=self.worker_id,
                config=self.config,
                connectors=self._connectors,
                channels=self._channels,
            )
            await uow.commit()
        return jobs

    async def reconcile_once(self) -> int:
        async with self._sessions() as session, session.begin():
            claimed = await DispatchQueue(session).claim(
                from_phase="reconcile",
                to_phase="reconciling",
                owner=self.worker_id,
                limit=self.config.batch_size,
                lease_s=self.config.lease_s,
            )
        for tenant_id, rows in _by_tenant(claimed).items():
            async with self._uow(tenant_id) as uow:
                questions = await reconciliation.prepare(
                    uow,
                    [r.publication_id for r in rows],
                    owner=self.worker_id,
                    connectors=self._connectors,
                    channels=self._channels,
                )
                await uow.commit()
            answers = await asyncio.gather(*(reconciliation.ask(q) for q in questions))
            async with self._uow(tenant_id) as uow:
                await reconciliation.settle(uow, answers, config=self.config, owner=self.worker_id)
                await uow.commit()
        return len(claimed)

    async def sweep_once(self) -> None:
        await expire_leases(self._sessions)
        await self.reconcile_once()
        await resume_thawed_brands(self._sessions, stagger_s=self.config.resume_stagger_s)

    async def _send(self, job: SendJob) -> None:
        try:
            content = await network_content(job.candidate.content, job.candidate.network, self._media)
            post = await job.connector.publish(job.credentials, content, idempotency_key=job.key)
            result = SendResult(job, datetime.now(UTC), published=post)
        except NetworkError as error:
            result = SendResult(job, datetime.now(UTC), error=error)
        except Exception:
            log.exception("send of publication %s failed in the dispatcher", job.candidate.id)
            result = SendResult(job, datetime.now(UTC))
        await self._results.put(result)

    async def _record_forever(self) -> None:
        while True:
            batch = [await self._results.get()]
            await self._gather()
            while not self._results.empty() and len(batch) < self.config.batch_size:
                batch.append(self._results.get_nowait())
            try:
                await self._record(batch)
            except Exception:
                # The leases run out and reconciliation takes over: never guess, never resend.
                log.exception("recording %d sends failed", len(batch))
            self._in_flight -= len(batch)
            self._room.set()

    async def _gather(self) -> None:
        """Lets answers gather for up to `record_gather_s` before a batch is recorded.

        Answers come back a few at a time, spread over the tenants: recorded as they come, each would pay a tenant's
        transaction of its own; gathered for a moment they share it. The posts are out already, so this delays their
        record, not their sending, except where the claim loop waits for the slots the batch holds (`_record_now`).
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.config.record_gather_s
        while not self._record_now():
            left = deadline - loop.time()
            if left <= 0:
                return
            await asyncio.sleep(min(left, GATHER_TICK_S))  # short naps: an arriving answer wakes nothing

    def _record_now(self) -> bool:
        gathered = self._results.qsize() + 1  # with the answer the recorder holds
        if gathered >= self.config.batch_size:
            return True
        if not self._waiting_for_room:
            return False
        # A replica behind (its last claim was full) needs its slots back to send; otherwise wait only for the
        # answers still out, if any: once all are in, nothing more can come until slots are given back.
        return self._behind or gathered >= self._in_flight

    async def _record(self, batch: Sequence[SendResult]) -> None:
        by_tenant: dict[uuid.UUID, list[SendResult]] = defaultdict(list)
        for result in batch:
            by_tenant[result.job.tenant_id].append(result)
        for tenant_id, results in by_tenant.items():
            async with self._uow(tenant_id) as uow:
                await record_batch(uow, results, config=self.config, channels=self._channels, owner=self.worker_id)
                await uow.commit()

    async def _sweep_forever(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.sweep_once()
            except Exception:
                log.exception("dispatcher sweep failed")
            await _wait(stop, self.config.sweep_s)

    def _uow(self, tenant_id: uuid.UUID) -> UnitOfWork:
        return UnitOfWork(self._sessions, outbox=outbox, source=SOURCE, tenant_id=tenant_id)


def _by_tenant(claimed: Sequence[Claimed]) -> dict[uuid.UUID, list[Claimed]]:
    groups: dict[uuid.UUID, list[Claimed]] = defaultdict(list)
    for row in claimed:
        groups[row.tenant_id].append(row)
    return groups


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except TimeoutError:
        pass
