"""Where the dispatcher tells the post what happened to one of its publications.

Each report moves the post through its lifecycle (service/post_lifecycle.py: publishing -> published | failed |
unconfirmed, or back to scheduled), which writes the post's history and its `post.*` events, and also emits the
publication's own event: those carry what only the dispatcher knows (lateness, response code, attempts, the late
window that made a miss, whether reconciliation found the post) and are what dispatch tests and benchmarks count.

A publication whose post is unknown (scheduled directly, as benchmarks do: `Candidate.has_post`, read with the
publication) reports its publication event only.
A report the post's state has already absorbed (a second channel starting, a hold before anything went out, the
same unconfirmed outcome twice) changes nothing on the post.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Sequence
from datetime import datetime

from chorus_publishing.adapters.dispatch_records import Candidate
from chorus_publishing.adapters.networks.connector import Shortfall
from chorus_publishing.adapters.publications import PublicationRepository
from chorus_publishing.domain.errors import PostNotFound, PostStateConflict
from chorus_publishing.domain.post import Post
from chorus_publishing.domain.post_state import PostState
from chorus_publishing.domain.publication import PublicationState
from chorus_publishing.service import post_lifecycle
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.publishing_dispatch import (
    PublicationDeferredV1,
    PublicationFailedV1,
    PublicationMissedV1,
    PublicationSentV1,
    PublicationUnconfirmedV1,
)

log = logging.getLogger(__name__)
PARTLY = "Published on some of its channels only; the others failed: retry or reschedule them."
IN_FLIGHT = frozenset({PublicationState.CLAIMED, PublicationState.SENDING, PublicationState.UNCONFIRMED})
ON_THEIR_WAY = frozenset(
    {
        PublicationState.SCHEDULED,
        PublicationState.CLAIMED,
        PublicationState.SENDING,
        PublicationState.UNCONFIRMED,
        PublicationState.PAUSED,
    }
)


async def report_started(uow: UnitOfWork, started: Sequence[Candidate]) -> None:
    """These publications are about to leave: their posts are publishing (already so when another channel went
    first)."""
    for post_id in sorted({c.post_id for c in started if c.has_post}):
        await _on_post(post_lifecycle.mark_publishing(uow, post_id))


def _about(c: Candidate) -> dict[str, object]:
    return {
        "publication_id": c.id,
        "post_id": c.post_id,
        "brand_id": c.brand_id,
        "variant_id": c.variant_id,
        "channel_id": c.channel_id,
        "network": c.network,
    }


async def report_sent(
    uow: UnitOfWork,
    c: Candidate,
    *,
    published_at: datetime,
    network_post_id: str,
    url: str | None,
    late_after_s: float,
    reconciled: bool = False,
    shortfalls: Sequence[Shortfall] = (),
) -> None:
    lateness = max((published_at - c.due_at).total_seconds(), 0.0)
    uow.emit(
        PublicationSentV1.model_validate(
            {
                **_about(c),
                "published_at": published_at,
                "due_at": c.due_at,
                "lateness_seconds": lateness,
                "late": lateness > late_after_s,
                "network_post_id": network_post_id,
                "network_post_url": url,
                "reconciled": reconciled,
                "shortfalls": [shortfall.as_json() for shortfall in shortfalls],
            }
        ),
        subject=c.post_id,
    )

    def live() -> Awaitable[Post]:
        return post_lifecycle.mark_published(
            uow, c.post_id, channel_id=c.channel_id, network_post_id=network_post_id, url=url, shortfalls=shortfalls
        )

    if not c.has_post:
        return
    post = await _on_post(live())
    # When another channel's outcome moved the post meanwhile (deferred, failed), this one is live all the same.
    if post is None and await _on_post(post_lifecycle.mark_publishing(uow, c.post_id)):
        post = await _on_post(live())
    if post is not None and post.state is PostState.PUBLISHING and not await _others_pending(uow, c, post):
        # Live here, failed elsewhere, nothing else coming: failed (not stuck in publishing) until a retry.
        await _on_post(post_lifecycle.mark_failed(uow, c.post_id, reason=PARTLY))


async def report_failed(
    uow: UnitOfWork, c: Candidate, *, at: datetime, reason: str, code: int | None, attempts: int
) -> None:
    payload = {**_about(c), "failed_at": at, "reason": reason, "response_code": code, "attempts": attempts}
    uow.emit(PublicationFailedV1.model_validate(payload), subject=c.post_id)
    await _on_post(post_lifecycle.mark_failed(uow, c.post_id, reason=_said(reason, "the network refused the post")))


async def report_unconfirmed(
    uow: UnitOfWork, c: Candidate, *, since: datetime, needs_decision: bool, reason: str
) -> None:
    payload = {**_about(c), "since": since, "needs_decision": needs_decision, "reason": reason}
    uow.emit(PublicationUnconfirmedV1.model_validate(payload), subject=c.post_id)
    # A post another channel moved back to scheduled (or failed) was in flight here all the same.
    if await _on_post(post_lifecycle.mark_unconfirmed(uow, c.post_id, reason=reason)) is None and await _on_post(
        post_lifecycle.mark_publishing(uow, c.post_id)
    ):
        await _on_post(post_lifecycle.mark_unconfirmed(uow, c.post_id, reason=reason))


async def report_deferred(uow: UnitOfWork, c: Candidate, *, reason: str, until: datetime | None) -> None:
    """Back to scheduled: until a rate limit's reset or a retry's backoff; a hold (frozen brand, disconnected
    channel) keeps the post's time. A hold before the send started leaves the post scheduled as it was."""
    uow.emit(PublicationDeferredV1.model_validate({**_about(c), "reason": reason, "until": until}), subject=c.post_id)
    if await _others_in_flight(uow, c):
        return  # the post stays publishing (or unconfirmed) for the channels out there; this one comes later
    await _on_post(post_lifecycle.mark_deferred(uow, c.post_id, until=until or c.due_at, reason=reason))


async def report_missed(uow: UnitOfWork, c: Candidate, *, noticed_at: datetime, late_window_s: int) -> None:
    """Its time passed beyond the brand's late-post window: never sent, the post fails saying so."""
    payload = {**_about(c), "due_at": c.due_at, "noticed_at": noticed_at, "late_window_seconds": late_window_s}
    uow.emit(PublicationMissedV1.model_validate(payload), subject=c.post_id)
    late = f"Missed: due at {c.due_at.isoformat()}, more than {late_window_s}s late by the brand's late-post policy."
    await _on_post(post_lifecycle.mark_failed(uow, c.post_id, reason=late))


async def _others_in_flight(uow: UnitOfWork, c: Candidate) -> bool:
    publications = await PublicationRepository(uow.session).for_post(c.post_id)
    return any(p.state in IN_FLIGHT for p in publications if p.id != c.id)


async def _others_pending(uow: UnitOfWork, c: Candidate, post: Post) -> bool:
    """Whether another channel of the post may still settle it: on its way, or live and not reported yet (a
    batch reports its sends one by one)."""

    def unreported(channel_id: uuid.UUID) -> bool:
        variant = post.variant_on(channel_id)
        return variant is not None and variant.network_post_id is None

    publications = await PublicationRepository(uow.session).for_post(c.post_id)
    return any(
        p.state in ON_THEIR_WAY or (p.state is PublicationState.PUBLISHED and unreported(p.channel_id))
        for p in publications
        if p.id != c.id
    )


async def _on_post(move: Awaitable[Post]) -> Post | None:
    """The moved post, or None when there is no post or its state already says as much (nothing written)."""
    try:
        return await move
    except PostNotFound:
        return None
    except PostStateConflict as conflict:
        log.debug("post report absorbed: %s", conflict)
        return None


def _said(reason: str, fallback: str) -> str:
    return reason if reason.strip() else fallback
