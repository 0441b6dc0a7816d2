"""Recording what the network answered, for a batch of one tenant's sends, in one short transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from chorus_publishing.adapters.dispatch_queue import DispatchQueue, Placement
from chorus_publishing.adapters.dispatch_records import AttemptResult, Change, DispatchRecords, Published
from chorus_publishing.adapters.networks.connector import PublishedPost
from chorus_publishing.adapters.networks.errors import (
    AuthError,
    NetworkError,
    RateLimited,
    RejectedContent,
    TransientError,
)
from chorus_publishing.adapters.publications import PublicationRepository
from chorus_publishing.domain.publication import AttemptOutcome, HoldReason, PublicationState, retry_delay
from chorus_publishing.domain.shortfall_note import missing, published_note
from chorus_publishing.service import post_outcomes
from chorus_publishing.service.channel_access import ChannelAccess
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_publishing.service.dispatch_start import SendJob
from chorus_shared.db.uow import UnitOfWork

SENDING = (PublicationState.SENDING.value,)
SETTLING = (PublicationState.SENDING.value, PublicationState.UNCONFIRMED.value)


@dataclass(frozen=True)
class SendResult:
    job: SendJob
    answered_at: datetime  # when the network answered (or the send failed): a post is published then, not when
    # its answer is recorded, which may be a moment later
    published: PublishedPost | None = None
    error: NetworkError | None = None  # None with no post: the send blew up in our own code, outcome unknown


async def record_batch(
    uow: UnitOfWork, results: Sequence[SendResult], *, config: DispatchConfig, channels: ChannelAccess, owner: str
) -> None:
    now = datetime.now(UTC)
    await _published(uow, [r for r in results if r.published is not None], now=now, config=config, by=owner)
    for result in results:
        if result.published is None:
            await _record_one(uow, result, now=now, config=config, channels=channels, owner=owner)


async def _record_one(
    uow: UnitOfWork, r: SendResult, *, now: datetime, config: DispatchConfig, channels: ChannelAccess, owner: str
) -> None:
    c, key, error = r.job.candidate, r.job.key, r.error
    queue = DispatchQueue(uow.session)
    code = error.status if error else None
    if isinstance(error, RateLimited):
        change = Change(c.id, SENDING, PublicationState.SCHEDULED.value, key=key, next_attempt_at=error.retry_at)
        if await _apply(uow, change, AttemptOutcome.RATE_LIMITED, code, str(error), now=now, by=owner):
            await queue.put([Placement(c.id, r.job.tenant_id, c.brand_id, "due", error.retry_at)])
            await post_outcomes.report_deferred(uow, c, reason="rate_limited", until=error.retry_at)
    elif isinstance(error, TransientError) and c.failures + 1 < config.max_failures:
        at = now + retry_delay(c.failures + 1, base_s=config.backoff_base_s, cap_s=config.backoff_cap_s)
        change = Change(
            c.id,
            SENDING,
            PublicationState.SCHEDULED.value,
            key=key,
            failures=c.failures + 1,
            next_attempt_at=at,
            last_error=str(error),
        )
        if await _apply(uow, change, AttemptOutcome.TRANSIENT, code, str(error), now=now, by=owner):
            await queue.put([Placement(c.id, r.job.tenant_id, c.brand_id, "due", at)])
            await post_outcomes.report_deferred(uow, c, reason="transient_error", until=at)
    elif isinstance(error, AuthError):
        change = Change(
            c.id,
            SENDING,
            PublicationState.PAUSED.value,
            key=key,
            hold_reason=HoldReason.CHANNEL_DISCONNECTED.value,
            last_error=str(error),
        )
        if await _apply(uow, change, AttemptOutcome.AUTH, code, str(error), now=now, by=owner):
            await queue.remove([c.id])
            await channels.mark_disconnected(uow, c.channel_id, error.detail or str(error))
            await post_outcomes.report_deferred(uow, c, reason=HoldReason.CHANNEL_DISCONNECTED.value, until=None)
    elif isinstance(error, RejectedContent | TransientError):
        outcome = AttemptOutcome.REJECTED if isinstance(error, RejectedContent) else AttemptOutcome.TRANSIENT
        reason = error.detail or str(error)
        change = Change(
            c.id, SENDING, PublicationState.FAILED.value, key=key, failures=c.failures + 1, last_error=reason
        )
        if await _apply(uow, change, outcome, code, reason, now=now, by=owner):
            await queue.remove([c.id])
            await post_outcomes.report_failed(uow, c, at=now, reason=reason, code=code, attempts=c.attempts + 1)
    else:  # UnknownOutcome, or our own failure mid-send: the network may have it; reconciliation decides
        why = str(error) if error else "the send failed in the dispatcher"
        change = Change(c.id, SENDING, PublicationState.UNCONFIRMED.value, key=key, last_error=why)
        if await _apply(uow, change, AttemptOutcome.UNKNOWN, code, why, now=now, by=owner):
            await queue.put([Placement(c.id, r.job.tenant_id, c.brand_id, "reconcile", now)])
            await post_outcomes.report_unconfirmed(uow, c, since=now, needs_decision=False, reason=why)


async def _published(
    uow: UnitOfWork, results: Sequence[SendResult], *, now: datetime, config: DispatchConfig, by: str
) -> None:
    """The common case, batched: a handful of statements for the whole batch.

    What did not go out after the post was live (a first comment, later thread items) stays with the attempt and
    in the history line; the publication is published all the same and never sent again for it.
    """
    if not results:
        return
    assert uow.tenant_id is not None
    applied = await DispatchRecords(uow.session).publish(
        [
            Published(r.job.candidate, r.job.key, post, r.answered_at, published_note(missing(post.shortfalls)))
            for r in results
            if (post := r.published) is not None
        ],
        tenant_id=uow.tenant_id,
        by=by,
        now=now,
    )
    for r in results:
        if r.job.candidate.id in applied and r.published is not None:
            await post_outcomes.report_sent(
                uow,
                r.job.candidate,
                published_at=r.answered_at,
                network_post_id=r.published.network_post_id,
                url=r.published.url,
                late_after_s=config.late_after_s,
                shortfalls=r.published.shortfalls,
            )


async def _apply(
    uow: UnitOfWork,
    change: Change,
    outcome: AttemptOutcome,
    code: int | None,
    error: str | None,
    *,
    now: datetime,
    by: str,
    key: str | None = None,
) -> bool:
    """Applies the change if the publication is still where it was; the attempt's outcome is recorded either way."""
    assert uow.tenant_id is not None
    records = DispatchRecords(uow.session)
    await records.finish_attempts([AttemptResult(key or change.key or "", outcome, code, error)], now=now)
    if not await records.apply([change], now=now):
        return False
    await PublicationRepository(uow.session).record_history(
        [(change.id, change.state, error)], tenant_id=uow.tenant_id, by=by, now=now
    )
    return True
