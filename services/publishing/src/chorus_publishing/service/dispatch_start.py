"""Starting a claimed batch of one tenant, in one short transaction: what is frozen pauses, what is too late is
missed, what the rate limits refuse waits, the rest is marked `sending` with a new attempt and goes out."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from chorus_publishing.adapters.dispatch_queue import DispatchQueue, Placement
from chorus_publishing.adapters.dispatch_records import Candidate, Change, DispatchRecords
from chorus_publishing.adapters.networks.connector import Credentials, NetworkConnector
from chorus_publishing.adapters.publications import PublicationRepository
from chorus_publishing.adapters.rate_windows import Ask, Limit, RateWindows, Tally
from chorus_publishing.domain.publication import HoldReason, PublicationState, idempotency_key, is_missed
from chorus_publishing.domain.rate_limits import account_scope, limits_for, network_scope
from chorus_publishing.service import post_outcomes
from chorus_publishing.service.channel_access import ChannelAccess
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_publishing.service.late_policy import late_window_s
from chorus_shared.db.uow import UnitOfWork

SCHEDULED = (PublicationState.SCHEDULED.value,)


@dataclass(frozen=True)
class SendJob:
    candidate: Candidate
    key: str
    credentials: Credentials
    connector: NetworkConnector
    tenant_id: uuid.UUID


async def start_batch(
    uow: UnitOfWork,
    ids: Sequence[uuid.UUID],
    *,
    owner: str,
    config: DispatchConfig,
    connectors: Mapping[str, NetworkConnector],
    channels: ChannelAccess,
) -> list[SendJob]:
    assert uow.tenant_id is not None
    now = datetime.now(UTC)
    queue, records = DispatchQueue(uow.session), DispatchRecords(uow.session)
    ours = await records.held_by(ids, owner=owner, phase="claimed")
    candidates = [c for c in ours if c.state in SCHEDULED]
    await queue.remove(sorted(c.id for c in ours if c.state not in SCHEDULED))  # cancelled (or settled) since queued
    brands = await records.hold_brands([c.brand_id for c in candidates])
    frozen = {brand for brand, standing in brands.items() if standing.frozen}
    held = [c for c in candidates if c.brand_id in frozen]
    windows = {brand: late_window_s(standing, config) for brand, standing in brands.items()}
    late = [c for c in candidates if c.brand_id not in frozen and _missed(c, now, windows[c.brand_id])]
    ready = [c for c in candidates if c.brand_id not in frozen and c not in late]
    await _hold_frozen(uow, held, now=now)
    await _miss(uow, late, now=now, windows=windows)
    allowed, tally = await _within_limits(uow, ready, now=now, config=config)
    return await _start(
        uow, allowed, tally, owner=owner, now=now, config=config, connectors=connectors, channels=channels
    )


def _missed(c: Candidate, now: datetime, window_s: int) -> bool:
    return is_missed(due_at=c.due_at, now=now, attempts=c.attempts, late_window=timedelta(seconds=window_s))


async def _hold_frozen(uow: UnitOfWork, held: list[Candidate], *, now: datetime) -> None:
    if not held:
        return
    assert uow.tenant_id is not None
    reason = HoldReason.BRAND_FROZEN.value
    changes = [Change(c.id, SCHEDULED, PublicationState.PAUSED.value, hold_reason=reason) for c in held]
    await DispatchRecords(uow.session).apply(changes, now=now)
    await DispatchQueue(uow.session).put([Placement(c.id, uow.tenant_id, c.brand_id, "frozen", c.due_at) for c in held])
    await PublicationRepository(uow.session).record_history(
        [(c.id, PublicationState.PAUSED.value, reason) for c in held],
        tenant_id=uow.tenant_id,
        by="dispatcher",
        now=now,
    )
    for c in held:
        await post_outcomes.report_deferred(uow, c, reason=reason, until=None)


async def _miss(uow: UnitOfWork, late: list[Candidate], *, now: datetime, windows: Mapping[uuid.UUID, int]) -> None:
    if not late:
        return
    assert uow.tenant_id is not None
    changes = [Change(c.id, SCHEDULED, PublicationState.MISSED.value, last_error="due time long past") for c in late]
    await DispatchRecords(uow.session).apply(changes, now=now)
    await DispatchQueue(uow.session).remove([c.id for c in late])
    await PublicationRepository(uow.session).record_history(
        [(c.id, PublicationState.MISSED.value, f"more than {windows[c.brand_id]}s late") for c in late],
        tenant_id=uow.tenant_id,
        by="dispatcher",
        now=now,
    )
    for c in late:
        await post_outcomes.report_missed(uow, c, noticed_at=now, late_window_s=windows[c.brand_id])


async def _within_limits(
    uow: UnitOfWork, ready: list[Candidate], *, now: datetime, config: DispatchConfig
) -> tuple[list[Candidate], Tally]:
    """Counts each send against its account's and its network's windows; the refused wait for their reset. The new
    counts are written with the sends that start."""
    assert uow.tenant_id is not None
    limits: dict[str, Limit] = {}
    asks = []
    for c in ready:
        rule = limits_for(c.network, config.limits)
        scopes = [account_scope(c.network, c.channel_id)]
        limits[scopes[0]] = Limit(rule.account_requests, rule.account_window_s)
        if rule.network_requests is not None:
            scopes.append(network_scope(c.network))
            limits[scopes[1]] = Limit(rule.network_requests, rule.network_window_s)
        asks.append(Ask(tuple(scopes), cost=1 + (1 if c.content.first_comment else 0)))
    answers, tally = await RateWindows(uow.session).take(asks, limits, now=now)
    waiting = [
        Placement(c.id, uow.tenant_id, c.brand_id, "due", at) for c, at in zip(ready, answers, strict=True) if at
    ]
    await DispatchQueue(uow.session).put(waiting)
    return [c for c, at in zip(ready, answers, strict=True) if at is None], tally


async def _start(
    uow: UnitOfWork,
    allowed: list[Candidate],
    tally: Tally,
    *,
    owner: str,
    now: datetime,
    config: DispatchConfig,
    connectors: Mapping[str, NetworkConnector],
    channels: ChannelAccess,
) -> list[SendJob]:
    assert uow.tenant_id is not None
    jobs, orphans = [], []
    credentials: dict[uuid.UUID, Credentials | None] = {}
    for c in allowed:
        if c.channel_id not in credentials:
            credentials[c.channel_id] = await channels.credentials_for(uow, c.channel_id)
        found, connector = credentials[c.channel_id], connectors.get(c.network)
        if found is None or connector is None:
            orphans.append(c)
            continue
        jobs.append(SendJob(c, idempotency_key(c.id, c.attempts + 1), found, connector, uow.tenant_id))
    await _hold_disconnected(uow, orphans, now=now)
    lease_until = now + timedelta(seconds=config.lease_s)
    # Always called, even with no job: it writes the rate windows' new counts (`tally`), without which the limits
    # would not hold across batches and replicas.
    started = await DispatchRecords(uow.session).start_attempts(
        [(j.candidate, j.key) for j in jobs],
        tenant_id=uow.tenant_id,
        owner=owner,
        lease_until=lease_until,
        now=now,
        tally=tally,
    )
    jobs = [j for j in jobs if j.candidate.id in started]  # all of them: their rows are locked since they were read
    await post_outcomes.report_started(uow, [j.candidate for j in jobs])
    return jobs


async def _hold_disconnected(uow: UnitOfWork, held: list[Candidate], *, now: datetime) -> None:
    """No usable credentials (or no connector for the network): held until the channel is connected again."""
    if not held:
        return
    assert uow.tenant_id is not None
    reason = HoldReason.CHANNEL_DISCONNECTED.value
    changes = [Change(c.id, SCHEDULED, PublicationState.PAUSED.value, hold_reason=reason) for c in held]
    await DispatchRecords(uow.session).apply(changes, now=now)
    await DispatchQueue(uow.session).remove([c.id for c in held])
    await PublicationRepository(uow.session).record_history(
        [(c.id, PublicationState.PAUSED.value, reason) for c in held],
        tenant_id=uow.tenant_id,
        by="dispatcher",
        now=now,
    )
    for c in held:
        await post_outcomes.report_deferred(uow, c, reason=reason, until=None)
