"""Publications as the posts see them: schedule a variant on a channel, move it in time, cancel, retry, read status.

`schedule_publication`, `cancel_publications` and `publication_status` are called by the post's own use cases,
which have checked the caller's rights on the post; the REST routes call the principal-checking wrappers below.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from chorus_publishing.adapters.dispatch_queue import DispatchQueue, Placement
from chorus_publishing.adapters.publications import PublicationRepository
from chorus_publishing.domain.errors import PublicationNotFound, PublicationNotReschedulable, PublicationNotRetryable
from chorus_publishing.domain.publication import (
    CANCELLABLE,
    HoldReason,
    Publication,
    PublicationContent,
    PublicationState,
    Timing,
)
from chorus_publishing.service import time_slots
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import FieldError, ValidationFailed


async def schedule_publication(
    uow: UnitOfWork,
    *,
    brand_id: uuid.UUID,
    post_id: uuid.UUID,
    variant_id: uuid.UUID,
    channel_id: uuid.UUID,
    network: str,
    content: PublicationContent,
    timing: Timing,
    at: datetime | None = None,
    by: str,
) -> Publication:
    """A new publication of one variant on one channel, due by `timing` (`at` only for a custom time)."""
    assert uow.tenant_id is not None
    now = datetime.now(UTC)
    due = await _due_at(uow, brand_id=brand_id, channel_id=channel_id, timing=timing, at=at, now=now)
    publication = Publication(
        id=uuid.uuid4(),
        tenant_id=uow.tenant_id,
        brand_id=brand_id,
        post_id=post_id,
        variant_id=variant_id,
        channel_id=channel_id,
        network=network,
        content=content,
        timing=timing,
        due_at=due,
        state=PublicationState.SCHEDULED,
    )
    repo = PublicationRepository(uow.session)
    await repo.add(publication, now=now)
    await DispatchQueue(uow.session).put([Placement(publication.id, uow.tenant_id, brand_id, "due", due)])
    await repo.record_history([(publication.id, "scheduled", timing.value)], tenant_id=uow.tenant_id, by=by, now=now)
    return publication


async def cancel_publications(uow: UnitOfWork, post_id: uuid.UUID, *, by: str = "system") -> list[Publication]:
    """Cancels what has not gone out; a publication being sent right now cannot be recalled and is left as is.
    Returns the post's publications as they are after the cancel."""
    assert uow.tenant_id is not None
    repo = PublicationRepository(uow.session)
    ids = [p.id for p in await repo.for_post(post_id)]
    await _cancel(uow, ids, by=by)
    return await repo.for_post(post_id)


async def publication_status(uow: UnitOfWork, post_id: uuid.UUID) -> list[Publication]:
    """The post's publications with their attempts and history."""
    repo = PublicationRepository(uow.session)
    return await repo.with_records(await repo.for_post(post_id))


async def release_held_publications(uow: UnitOfWork, channel_id: uuid.UUID, *, by: str = "system") -> int:
    """For the channels module, once a disconnected channel is connected again: its held publications go back to
    the queue, at their due time if still ahead, else now."""
    assert uow.tenant_id is not None
    repo, now = PublicationRepository(uow.session), datetime.now(UTC)
    held = await repo.held_on_channel(channel_id, reason=HoldReason.CHANNEL_DISCONNECTED.value)
    placements = [Placement(p.id, uow.tenant_id, p.brand_id, "due", max(p.due_at, now)) for p in held]
    for p, placement in zip(held, placements, strict=True):
        await repo.change(
            p.id, now=now, state=PublicationState.SCHEDULED.value, hold_reason=None, due_at=placement.run_at
        )
    await DispatchQueue(uow.session).put(placements)
    await repo.record_history(
        [(p.id, "scheduled", "channel connected again") for p in held], tenant_id=uow.tenant_id, by=by, now=now
    )
    return len(held)


# --- the REST actions, checking the caller -------------------------------------------------------------------


async def get_visible(uow: UnitOfWork, principal: Principal, publication_id: uuid.UUID) -> Publication:
    require_permission(principal, Permission.READ)
    publication = await PublicationRepository(uow.session).get(publication_id, for_update=True)
    if publication is None or not principal.can_see_brand(publication.brand_id):
        raise PublicationNotFound(f"No publication {publication_id}.")
    return publication


async def reschedule(
    *, uow: UnitOfWork, principal: Principal, publication_id: uuid.UUID, timing: Timing, at: datetime | None
) -> Publication:
    """Add to queue, share next, share now or a custom time, for a publication not sent yet."""
    require_permission(principal, Permission.PUBLISH_CONTENT)
    assert uow.tenant_id is not None
    publication = await get_visible(uow, principal, publication_id)
    queue = DispatchQueue(uow.session)
    if publication.state is not PublicationState.SCHEDULED or await queue.remove([publication_id], phases=["due"]) != {
        publication_id
    }:
        raise PublicationNotReschedulable("Only a scheduled publication that is not being sent can move.")
    now, repo = datetime.now(UTC), PublicationRepository(uow.session)
    await repo.change(publication_id, now=now, due_at=now.replace(year=1970))  # frees its own slot for the search
    due = await _due_at(
        uow, brand_id=publication.brand_id, channel_id=publication.channel_id, timing=timing, at=at, now=now
    )
    await repo.change(publication_id, now=now, due_at=due, timing=timing.value)
    await queue.put([Placement(publication_id, uow.tenant_id, publication.brand_id, "due", due)])
    await repo.record_history(
        [(publication_id, "scheduled", timing.value)], tenant_id=uow.tenant_id, by=principal.subject, now=now
    )
    return await get_visible(uow, principal, publication_id)


async def retry(*, uow: UnitOfWork, principal: Principal, publication_id: uuid.UUID) -> Publication:
    """Send again now: a failed publication, or an unconfirmed one a person has checked is not on the network."""
    require_permission(principal, Permission.PUBLISH_CONTENT)
    assert uow.tenant_id is not None
    publication = await get_visible(uow, principal, publication_id)
    decided = publication.state is PublicationState.UNCONFIRMED and publication.needs_decision
    if publication.state is not PublicationState.FAILED and not decided:
        raise PublicationNotRetryable(
            "Only a failed publication, or an unconfirmed one awaiting a decision, is retried."
        )
    now, repo = datetime.now(UTC), PublicationRepository(uow.session)
    await repo.change(
        publication_id,
        now=now,
        state=PublicationState.SCHEDULED.value,
        due_at=now,
        failures=0,
        needs_decision=False,
        next_attempt_at=None,
        timing=Timing.NOW.value,
    )
    await DispatchQueue(uow.session).put([Placement(publication_id, uow.tenant_id, publication.brand_id, "due", now)])
    await repo.record_history(
        [(publication_id, "scheduled", "retry")], tenant_id=uow.tenant_id, by=principal.subject, now=now
    )
    return await get_visible(uow, principal, publication_id)


async def cancel(*, uow: UnitOfWork, principal: Principal, publication_id: uuid.UUID) -> Publication:
    require_permission(principal, Permission.PUBLISH_CONTENT)
    publication = await get_visible(uow, principal, publication_id)
    if not await _cancel(uow, [publication.id], by=principal.subject):
        raise PublicationNotReschedulable(f"A {publication.state.value} publication cannot be cancelled.")
    return await get_visible(uow, principal, publication_id)


async def status_for_post(*, uow: UnitOfWork, principal: Principal, post_id: uuid.UUID) -> list[Publication]:
    require_permission(principal, Permission.READ)
    return [p for p in await publication_status(uow, post_id) if principal.can_see_brand(p.brand_id)]


async def _cancel(uow: UnitOfWork, ids: list[uuid.UUID], *, by: str) -> list[uuid.UUID]:
    assert uow.tenant_id is not None
    # The queue row is locked first, as the dispatcher does, so a cancel and a claim never deadlock.
    phases = await DispatchQueue(uow.session).phases(ids)
    repo, now, cancelled = PublicationRepository(uow.session), datetime.now(UTC), []
    for publication_id in ids:
        publication = await repo.get(publication_id, for_update=True)
        if publication is None or publication.state not in CANCELLABLE:
            continue
        # Reconciliation holds what may have left; a scheduled one in its hands was claimed, never started.
        in_flight = phases.get(publication_id) in ("reconcile", "reconciling")
        if in_flight and publication.state is not PublicationState.SCHEDULED:
            continue
        await repo.change(publication_id, now=now, state=PublicationState.CANCELLED.value)
        cancelled.append(publication_id)
    await DispatchQueue(uow.session).remove(cancelled)
    await repo.record_history([(i, "cancelled", None) for i in cancelled], tenant_id=uow.tenant_id, by=by, now=now)
    return cancelled


async def _due_at(
    uow: UnitOfWork, *, brand_id: uuid.UUID, channel_id: uuid.UUID, timing: Timing, at: datetime | None, now: datetime
) -> datetime:
    if timing is Timing.CUSTOM:
        if at is None or at.tzinfo is None:
            raise ValidationFailed(
                "Say when.", field_errors=[FieldError("at", "A time with its UTC offset.", "required")]
            )
        if at < now:
            raise ValidationFailed("The time has passed.", field_errors=[FieldError("at", "A future time.", "past")])
        return at.astimezone(UTC)
    if timing is Timing.NOW:
        return now
    if timing is Timing.QUEUE:
        return await time_slots.next_free_slot(uow, brand_id=brand_id, channel_id=channel_id, now=now)
    first, moves = await time_slots.share_next(uow, brand_id=brand_id, channel_id=channel_id, now=now)
    repo, queue = PublicationRepository(uow.session), DispatchQueue(uow.session)
    for moved, new_due in reversed(moves):
        await repo.change(moved.id, now=now, due_at=new_due)
        await queue.put([Placement(moved.id, moved.tenant_id, moved.brand_id, "due", new_due)])
    return first
