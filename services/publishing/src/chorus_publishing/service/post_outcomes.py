"""Where the dispatcher tells the post what happened to one of its publications.

Until the posts' lifecycle module (service/post_lifecycle.py) is wired here, each report is a publication event;
wiring is one line per function.
"""

from __future__ import annotations

from datetime import datetime

from chorus_publishing.adapters.dispatch_records import Candidate
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.publishing_dispatch import (
    PublicationDeferredV1,
    PublicationFailedV1,
    PublicationMissedV1,
    PublicationSentV1,
    PublicationUnconfirmedV1,
)


def _about(c: Candidate) -> dict[str, object]:
    return {
        "publication_id": c.id,
        "post_id": c.post_id,
        "brand_id": c.brand_id,
        "variant_id": c.variant_id,
        "channel_id": c.channel_id,
        "network": c.network,
    }


def report_sent(
    uow: UnitOfWork,
    c: Candidate,
    *,
    published_at: datetime,
    network_post_id: str,
    url: str | None,
    late_after_s: float,
    reconciled: bool = False,
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
            }
        ),
        subject=c.post_id,
    )


def report_failed(uow: UnitOfWork, c: Candidate, *, at: datetime, reason: str, code: int | None, attempts: int) -> None:
    payload = {**_about(c), "failed_at": at, "reason": reason, "response_code": code, "attempts": attempts}
    uow.emit(PublicationFailedV1.model_validate(payload), subject=c.post_id)


def report_unconfirmed(uow: UnitOfWork, c: Candidate, *, since: datetime, needs_decision: bool, reason: str) -> None:
    payload = {**_about(c), "since": since, "needs_decision": needs_decision, "reason": reason}
    uow.emit(PublicationUnconfirmedV1.model_validate(payload), subject=c.post_id)


def report_deferred(uow: UnitOfWork, c: Candidate, *, reason: str, until: datetime | None) -> None:
    uow.emit(PublicationDeferredV1.model_validate({**_about(c), "reason": reason, "until": until}), subject=c.post_id)


def report_missed(uow: UnitOfWork, c: Candidate, *, noticed_at: datetime, late_window_s: int) -> None:
    payload = {**_about(c), "due_at": c.due_at, "noticed_at": noticed_at, "late_window_seconds": late_window_s}
    uow.emit(PublicationMissedV1.model_validate(payload), subject=c.post_id)
