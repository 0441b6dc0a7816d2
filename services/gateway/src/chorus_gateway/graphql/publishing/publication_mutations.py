"""Publication mutations: move a publication in time (queue, share next, share now, custom), retry, cancel."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from chorus_gateway.graphql.info import GatewayInfo, documented_mutation
from chorus_gateway.graphql.planning_calendar.paging import parse_id
from chorus_gateway.graphql.problems import problem_from
from chorus_gateway.graphql.publishing.enums import PublicationTiming
from chorus_gateway.graphql.publishing.publication_types import Publication
from chorus_gateway.graphql.publishing.rest import PublishingPublication
from chorus_gateway.graphql.publishing.results import PublicationResult
from chorus_shared.errors import ChorusError


@strawberry.type
class PublicationMutation:
    @documented_mutation(
        "Move a scheduled publication: QUEUE (next free slot), NEXT (first slot, the queue moves down), NOW, or "
        "CUSTOM with `at`."
    )
    async def schedule_publication(
        self, info: GatewayInfo, id: strawberry.ID, timing: PublicationTiming, at: datetime | None = None
    ) -> PublicationResult:
        body = {"timing": timing.value, "at": None if at is None else at.isoformat()}
        return await _act(info, id, "timing", body)

    @documented_mutation("Send a scheduled publication now.")
    async def share_publication_now(self, info: GatewayInfo, id: strawberry.ID) -> PublicationResult:
        return await _act(info, id, "timing", {"timing": PublicationTiming.NOW.value})

    @documented_mutation("Send again: a failed publication, or an unconfirmed one checked absent from the network.")
    async def retry_publication(self, info: GatewayInfo, id: strawberry.ID) -> PublicationResult:
        return await _act(info, id, "retry")

    @documented_mutation("Cancel a publication that has not gone out (one being sent cannot be recalled).")
    async def cancel_publication(self, info: GatewayInfo, id: strawberry.ID) -> PublicationResult:
        return await _act(info, id, "cancel")


async def _act(
    info: GatewayInfo, publication_id: str, action: str, body: dict[str, Any] | None = None
) -> PublicationResult:
    try:
        path = f"/publications/{parse_id(publication_id, 'id')}/{action}"
        moved = await info.context.service("publishing").post(path, PublishingPublication, json=body)
    except ChorusError as error:
        return problem_from(error)
    return Publication.of(moved)
