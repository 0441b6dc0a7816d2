"""Reconciliation of unconfirmed publications: ask the network whether the post exists, never re-send blindly.

Found: recorded as published, its first comment and the thread items the network does not report with it kept as
unconfirmed shortfalls. Not found, or the network cannot tell: a person decides (`needs_decision`), then retries or
cancels. A network error while asking: asked again later.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from chorus_publishing.adapters.dispatch_queue import DispatchQueue, Placement
from chorus_publishing.adapters.dispatch_records import AttemptResult, Candidate, Change, DispatchRecords
from chorus_publishing.adapters.networks.connector import Credentials, NetworkConnector, PublishedPost, Shortfall
from chorus_publishing.adapters.networks.errors import NetworkError
from chorus_publishing.adapters.networks.follow_up import thread_items_from
from chorus_publishing.adapters.publications import PublicationRepository
from chorus_publishing.domain.publication import AttemptOutcome, PublicationContent, PublicationState
from chorus_publishing.domain.shortfall_note import missing
from chorus_publishing.service import post_outcomes
from chorus_publishing.service.channel_access import ChannelAccess
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_shared.db.uow import UnitOfWork

SETTLING = (PublicationState.SENDING.value, PublicationState.UNCONFIRMED.value)
RETRY_ASKING = timedelta(seconds=30)
UNCONFIRMED_REASON = "unconfirmed: the post itself was only found later by asking the network; check it there"


@dataclass(frozen=True)
class Question:
    candidate: Candidate
    keys: tuple[str, ...]
    credentials: Credentials | None
    connector: NetworkConnector | None
    tenant_id: uuid.UUID


@dataclass(frozen=True)
class Answer:
    question: Question
    found: PublishedPost | None = None
    checked_keys: tuple[str, ...] = ()
    error: str | None = None  # asking failed: ask again later


async def prepare(
    uow: UnitOfWork,
    ids: Sequence[uuid.UUID],
    *,
    owner: str,
    connectors: Mapping[str, NetworkConnector],
    channels: ChannelAccess,
) -> list[Question]:
    """Marks publications still `sending` (their worker died) as unconfirmed and returns what to ask the network.

    A publication still `scheduled` was claimed by a worker that stopped before starting it: nothing left, so it
    goes back to the queue as due now. One settled meanwhile leaves the queue.
    """
    assert uow.tenant_id is not None
    now = datetime.now(UTC)
    queue, records = DispatchQueue(uow.session), DispatchRecords(uow.session)
    ours = await records.held_by(ids, owner=owner, phase="reconciling")
    candidates = [c for c in ours if c.state in SETTLING]
    never_left = [c for c in ours if c.state == PublicationState.SCHEDULED.value]
    await queue.put([Placement(c.id, uow.tenant_id, c.brand_id, "due", now) for c in never_left])
    await queue.remove(sorted(c.id for c in ours if c.state not in SETTLING and c not in never_left))
    questions = []
    for c in candidates:
        if c.state == PublicationState.SENDING.value:
            await _lost_track(uow, c, now=now, by=owner)
        keys = tuple(await records.open_attempt_keys(c.id))
        questions.append(
            Question(
                c, keys, await channels.credentials_for(uow, c.channel_id), connectors.get(c.network), uow.tenant_id
            )
        )
    return questions


async def _lost_track(uow: UnitOfWork, c: Candidate, *, now: datetime, by: str) -> None:
    assert uow.tenant_id is not None
    why = "the dispatcher stopped after sending, before recording the answer"
    change = Change(c.id, (PublicationState.SENDING.value,), PublicationState.UNCONFIRMED.value, last_error=why)
    await DispatchRecords(uow.session).apply([change], now=now)
    await PublicationRepository(uow.session).record_history(
        [(c.id, PublicationState.UNCONFIRMED.value, why)], tenant_id=uow.tenant_id, by=by, now=now
    )
    await post_outcomes.report_unconfirmed(uow, c, since=now, needs_decision=False, reason=why)


async def ask(question: Question) -> Answer:
    connector, credentials = question.connector, question.credentials
    if connector is None or credentials is None or not connector.capabilities.can_check_existence:
        return Answer(question)
    try:
        for key in question.keys:
            found = await connector.find_post(credentials, idempotency_key=key, text=question.candidate.content.text)
            if found is not None:
                return Answer(question, found=found, checked_keys=(key,))
    except NetworkError as error:
        return Answer(question, error=str(error))
    return Answer(question, checked_keys=question.keys)


def unconfirmed_follow_ups(content: PublicationContent, found: PublishedPost) -> tuple[Shortfall, ...]:
    """What a post found by asking the network may lack: its send got no clear answer, so the steps after it (first
    comment, thread replies) were never tried, or were by a worker that died. Asking finds the post, not those steps;
    the thread items the network reports with the post are there."""
    missed: list[Shortfall] = []
    items, present = len(content.thread), len(found.thread_ids)
    if present < items:
        missed.append(Shortfall(thread_items_from(present + 1, items), UNCONFIRMED_REASON))
    if content.first_comment:
        missed.append(Shortfall("first comment", UNCONFIRMED_REASON))
    return tuple(missed)


async def settle(uow: UnitOfWork, answers: Sequence[Answer], *, config: DispatchConfig, owner: str) -> None:
    now = datetime.now(UTC)
    for answer in answers:
        await _settle_one(uow, answer, now=now, config=config, owner=owner)


async def _settle_one(uow: UnitOfWork, answer: Answer, *, now: datetime, config: DispatchConfig, owner: str) -> None:
    assert uow.tenant_id is not None
    c, queue, records = answer.question.candidate, DispatchQueue(uow.session), DispatchRecords(uow.session)
    history = PublicationRepository(uow.session)
    if answer.error is not None:
        await queue.put([Placement(c.id, uow.tenant_id, c.brand_id, "reconcile", now + RETRY_ASKING)])
        return
    if answer.found is not None:
        post = answer.found
        unconfirmed = unconfirmed_follow_ups(c.content, post)
        await records.finish_attempts(
            [AttemptResult(answer.checked_keys[0], AttemptOutcome.RECONCILED, shortfalls=unconfirmed)], now=now
        )
        change = Change(
            c.id,
            SETTLING,
            PublicationState.PUBLISHED.value,
            network_post_id=post.network_post_id,
            network_post_url=post.url,
            published_at=post.published_at,
        )
        if await records.apply([change], now=now):
            found_note = "found on the network" + "".join(f"; {phrase}" for phrase in missing(unconfirmed))
            await history.record_history(
                [(c.id, PublicationState.PUBLISHED.value, found_note)],
                tenant_id=uow.tenant_id,
                by=owner,
                now=now,
            )
            await post_outcomes.report_sent(
                uow,
                c,
                published_at=post.published_at,
                network_post_id=post.network_post_id,
                url=post.url,
                late_after_s=config.late_after_s,
                reconciled=True,
                shortfalls=unconfirmed,
            )
        await queue.remove([c.id])
        return
    why = "not found on the network" if answer.checked_keys else "the network cannot say whether the post exists"
    await records.finish_attempts([AttemptResult(k, AttemptOutcome.NOT_FOUND) for k in answer.checked_keys], now=now)
    change = Change(
        c.id,
        (PublicationState.UNCONFIRMED.value,),
        PublicationState.UNCONFIRMED.value,
        needs_decision=True,
        last_error=why,
    )
    if await records.apply([change], now=now):
        await history.record_history([(c.id, "needs_decision", why)], tenant_id=uow.tenant_id, by=owner, now=now)
        await post_outcomes.report_unconfirmed(uow, c, since=now, needs_decision=True, reason=why)
    await queue.remove([c.id])
