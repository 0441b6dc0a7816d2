"""Post mutations: write a draft, submit, approve or reject it, comment, schedule and cancel it.

Each returns the post (or comment) or the expected problem as a union member; field errors name the input's
camelCase paths (e.g. `variants.0.text`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from chorus_gateway.graphql.info import GatewayInfo, documented_mutation
from chorus_gateway.graphql.planning_calendar.paging import parse_id
from chorus_gateway.graphql.problems import problem_from
from chorus_gateway.graphql.publishing.enums import PublicationTiming
from chorus_gateway.graphql.publishing.inputs import CreatePostInput, UpdatePostInput
from chorus_gateway.graphql.publishing.post_types import Post, PostComment
from chorus_gateway.graphql.publishing.rest import PublishingComment, PublishingPost
from chorus_gateway.graphql.publishing.results import PostCommentResult, PostResult
from chorus_shared.errors import ChorusError


@strawberry.type
class PostMutation:
    @documented_mutation("A draft post of the brand, one variant per channel.")
    async def create_post(self, info: GatewayInfo, input: CreatePostInput) -> PostResult:
        try:
            created = await info.context.service("publishing").post("/posts", PublishingPost, json=input.body())
        except ChorusError as error:
            return problem_from(error)
        return Post.of(created)

    @documented_mutation("Replace a draft's content; its variants are replaced as a whole.")
    async def update_post(self, info: GatewayInfo, input: UpdatePostInput) -> PostResult:
        try:
            path = f"/posts/{parse_id(input.id, 'id')}"
            updated = await info.context.service("publishing").patch(path, PublishingPost, json=input.body())
        except ChorusError as error:
            return problem_from(error)
        return Post.of(updated)

    @documented_mutation("Send for approval, or approved at once when the brand's policy needs none.")
    async def submit_post(self, info: GatewayInfo, id: strawberry.ID) -> PostResult:
        return await _act(info, id, "submit")

    @documented_mutation("Approve a post waiting for it, with an optional note; clients approve their brand's only.")
    async def approve_post(self, info: GatewayInfo, id: strawberry.ID, note: str | None = None) -> PostResult:
        return await _act(info, id, "approve", {"note": note})

    @documented_mutation("The recorded no: reject a post waiting for approval, saying what to change.")
    async def reject_post(self, info: GatewayInfo, id: strawberry.ID, reason: str) -> PostResult:
        return await _act(info, id, "reject", {"reason": reason})

    @documented_mutation(
        "Schedule an approved post: at a given time (CUSTOM, the default, with `at`), in the next free queue slot "
        "(QUEUE), in the first slot ahead of the queue (NEXT), or now (NOW)."
    )
    async def schedule_post(
        self,
        info: GatewayInfo,
        id: strawberry.ID,
        at: datetime | None = None,
        timing: PublicationTiming = PublicationTiming.CUSTOM,
    ) -> PostResult:
        body: dict[str, object] = {"timing": timing.value}
        if at is not None:
            body["at"] = at.isoformat()
        return await _act(info, id, "schedule", body)

    @documented_mutation("Share an approved post now on every channel of its variants.")
    async def share_post_now(self, info: GatewayInfo, id: strawberry.ID) -> PostResult:
        return await _act(info, id, "schedule", {"timing": PublicationTiming.NOW.value})

    @documented_mutation("Cancel a post that has not gone out, with an optional reason.")
    async def cancel_post(self, info: GatewayInfo, id: strawberry.ID, reason: str | None = None) -> PostResult:
        return await _act(info, id, "cancel", {"reason": reason})

    @documented_mutation("Add a remark to the post's approval conversation.")
    async def comment_on_post(self, info: GatewayInfo, id: strawberry.ID, text: str) -> PostCommentResult:
        try:
            path = f"/posts/{parse_id(id, 'id')}/comments"
            made = await info.context.service("publishing").post(path, PublishingComment, json={"text": text})
        except ChorusError as error:
            return problem_from(error)
        return PostComment(id=strawberry.ID(str(made.id)), author=made.author, text=made.text, at=made.at)


async def _act(info: GatewayInfo, post_id: str, action: str, body: dict[str, Any] | None = None) -> PostResult:
    try:
        path = f"/posts/{parse_id(post_id, 'id')}/{action}"
        moved = await info.context.service("publishing").post(path, PublishingPost, json=body)
    except ChorusError as error:
        return problem_from(error)
    return Post.of(moved)
