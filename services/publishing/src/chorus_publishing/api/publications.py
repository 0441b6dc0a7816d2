"""Publications: a post's status, attempts and history per channel; move in time, retry, cancel."""

from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field

from chorus_publishing.api.dependencies import RequestUnitOfWork
from chorus_publishing.api.post_schemas import ShortfallRead
from chorus_publishing.domain.publication import Attempt, Publication, Timing
from chorus_publishing.service import publications
from chorus_shared.auth import CurrentPrincipal

router = APIRouter(tags=["publications"])


class AttemptRead(BaseModel):
    number: int
    idempotency_key: str
    started_at: datetime
    finished_at: datetime | None
    outcome: str
    response_code: int | None
    error: str | None
    shortfalls: list[ShortfallRead] = Field(
        default_factory=list, description="Published, but these steps did not go out (first comment, thread items)."
    )

    @classmethod
    def of(cls, a: Attempt) -> AttemptRead:
        return cls(
            number=a.number,
            idempotency_key=a.idempotency_key,
            started_at=a.started_at,
            finished_at=a.finished_at,
            outcome=a.outcome,
            response_code=a.response_code,
            error=a.error,
            shortfalls=ShortfallRead.all_of(a.shortfalls),
        )


class HistoryRead(BaseModel):
    at: datetime
    state: str
    by: str
    reason: str | None


class PublicationRead(BaseModel):
    id: uuid.UUID
    post_id: uuid.UUID
    brand_id: uuid.UUID
    variant_id: uuid.UUID
    channel_id: uuid.UUID
    network: str
    timing: str
    due_at: datetime
    state: str
    hold_reason: str | None
    needs_decision: bool
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    network_post_id: str | None
    network_post_url: str | None
    published_at: datetime | None
    attempt_log: list[AttemptRead] = []
    history: list[HistoryRead] = []

    @classmethod
    def of(cls, p: Publication) -> PublicationRead:
        return cls(
            id=p.id,
            post_id=p.post_id,
            brand_id=p.brand_id,
            variant_id=p.variant_id,
            channel_id=p.channel_id,
            network=p.network,
            timing=p.timing.value,
            due_at=p.due_at,
            state=p.state.value,
            hold_reason=p.hold_reason,
            needs_decision=p.needs_decision,
            attempts=p.attempts,
            next_attempt_at=p.next_attempt_at,
            last_error=p.last_error,
            network_post_id=p.network_post_id,
            network_post_url=p.network_post_url,
            published_at=p.published_at,
            attempt_log=[AttemptRead.of(a) for a in p.attempt_log],
            history=[HistoryRead(**h.__dict__) for h in p.history],
        )


class PublicationPage(BaseModel):
    items: list[PublicationRead]


class TimingUpdate(BaseModel):
    timing: Timing
    at: datetime | None = None


@router.get("/posts/{post_id}/publications")
async def post_publications(post_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> PublicationPage:
    # One publication per channel of the post: one page.
    found = await publications.status_for_post(uow=uow, principal=principal, post_id=post_id)
    return PublicationPage(items=[PublicationRead.of(p) for p in found])


@router.post("/publications/{publication_id}/timing")
async def move_publication(
    publication_id: uuid.UUID, body: TimingUpdate, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> PublicationRead:
    moved = await publications.reschedule(
        uow=uow, principal=principal, publication_id=publication_id, timing=body.timing, at=body.at
    )
    await uow.commit()
    return PublicationRead.of(moved)


@router.post("/publications/{publication_id}/retry")
async def retry_publication(
    publication_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> PublicationRead:
    retried = await publications.retry(uow=uow, principal=principal, publication_id=publication_id)
    await uow.commit()
    return PublicationRead.of(retried)


@router.post("/publications/{publication_id}/cancel")
async def cancel_publication(
    publication_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> PublicationRead:
    cancelled = await publications.cancel(uow=uow, principal=principal, publication_id=publication_id)
    await uow.commit()
    return PublicationRead.of(cancelled)
