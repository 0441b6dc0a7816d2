"""A publication in GraphQL: one post variant on one channel, its status, every attempt and its history."""

from __future__ import annotations

from datetime import datetime

import strawberry

from chorus_gateway.graphql.publishing.enums import PublicationState, PublicationTiming, SocialNetwork
from chorus_gateway.graphql.publishing.rest import PublishingAttempt, PublishingPublication
from chorus_gateway.graphql.publishing.shortfall_type import Shortfall


@strawberry.type(description="One try at sending, with its idempotency key and what the network answered.")
class PublicationAttempt:
    number: int
    idempotency_key: str
    started_at: datetime
    finished_at: datetime | None
    outcome: str = strawberry.field(
        description="in_flight, published, transient_error, rate_limited, auth_error, rejected, unknown_outcome, "
        "reconciled_published or reconciled_not_found."
    )
    response_code: int | None = strawberry.field(description="The network's HTTP status, when it answered.")
    error: str | None
    shortfalls: list[Shortfall] = strawberry.field(
        description="Published, but these steps did not go out: the first comment, thread items after a failed one."
    )

    @classmethod
    def of(cls, attempt: PublishingAttempt) -> PublicationAttempt:
        return cls(
            number=attempt.number,
            idempotency_key=attempt.idempotency_key,
            started_at=attempt.started_at,
            finished_at=attempt.finished_at,
            outcome=attempt.outcome,
            response_code=attempt.response_code,
            error=attempt.error,
            shortfalls=Shortfall.all_of(attempt.shortfalls),
        )


@strawberry.type(description="A state the publication went through, who moved it and why.")
class PublicationHistoryEntry:
    at: datetime
    state: str
    by: str
    reason: str | None


@strawberry.type(description="A post variant's way to one channel: when it is due, where it stands, every attempt.")
class Publication:
    id: strawberry.ID
    post_id: strawberry.ID
    brand_id: strawberry.ID
    channel_id: strawberry.ID
    network: SocialNetwork
    timing: PublicationTiming
    due_at: datetime
    state: PublicationState
    hold_reason: str | None = strawberry.field(description="brand_frozen or channel_disconnected while held.")
    needs_decision: bool = strawberry.field(description="Unconfirmed and waiting for a person: never re-sent blind.")
    attempt_count: int
    next_attempt_at: datetime | None
    last_error: str | None
    network_post_id: str | None
    network_post_url: str | None
    published_at: datetime | None
    attempts: list[PublicationAttempt]
    history: list[PublicationHistoryEntry]

    @classmethod
    def of(cls, p: PublishingPublication) -> Publication:
        return cls(
            id=strawberry.ID(str(p.id)),
            post_id=strawberry.ID(str(p.post_id)),
            brand_id=strawberry.ID(str(p.brand_id)),
            channel_id=strawberry.ID(str(p.channel_id)),
            network=SocialNetwork(p.network),
            timing=PublicationTiming(p.timing),
            due_at=p.due_at,
            state=PublicationState(p.state),
            hold_reason=p.hold_reason,
            needs_decision=p.needs_decision,
            attempt_count=p.attempts,
            next_attempt_at=p.next_attempt_at,
            last_error=p.last_error,
            network_post_id=p.network_post_id,
            network_post_url=p.network_post_url,
            published_at=p.published_at,
            attempts=[PublicationAttempt.of(a) for a in p.attempt_log],
            history=[PublicationHistoryEntry(at=h.at, state=h.state, by=h.by, reason=h.reason) for h in p.history],
        )
