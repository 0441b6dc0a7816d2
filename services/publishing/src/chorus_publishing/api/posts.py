"""Posts over REST: create, edit, read, list, validate as the user types, and move through their states."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import AwareDatetime

from chorus_publishing.adapters.posts import PostFilter
from chorus_publishing.api.dependencies import RequestUnitOfWork
from chorus_publishing.api.post_schemas import (
    ApproveBody,
    CancelBody,
    PostCheckRead,
    PostCreate,
    PostPage,
    PostRead,
    PostUpdate,
    PostValidate,
    ReasonBody,
    ScheduleBody,
)
from chorus_publishing.domain.post_state import PostState
from chorus_publishing.service import post_approvals, post_scheduling, posts
from chorus_shared.auth import CurrentPrincipal

router = APIRouter(tags=["posts"])


@router.post("/posts", status_code=201)
async def create_post(body: PostCreate, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> PostRead:
    post = await posts.create_post(
        uow=uow,
        principal=principal,
        brand_id=body.brand_id,
        variants=[v.to_domain() for v in body.variants],
        campaign_id=body.campaign_id,
        content_item_id=body.content_item_id,
    )
    await uow.commit()
    return PostRead.of(post)


@router.post("/posts/validate")
async def validate_post(body: PostValidate, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> PostCheckRead:
    check = await posts.validate_post(
        uow=uow,
        principal=principal,
        brand_id=body.brand_id,
        variants=[v.to_domain() for v in body.variants],
        campaign_id=body.campaign_id,
    )
    return PostCheckRead.of(check)


@router.get("/brands/{brand_id}/posts")
async def list_posts(
    brand_id: uuid.UUID,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    state: Annotated[list[PostState] | None, Query(description="Any of these states (repeat the parameter).")] = None,
    channel_id: Annotated[uuid.UUID | None, Query(description="Posts with a variant on this channel.")] = None,
    scheduled_from: Annotated[AwareDatetime | None, Query(description="Scheduled at or after.")] = None,
    scheduled_before: Annotated[AwareDatetime | None, Query(description="Scheduled strictly before.")] = None,
    after: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> PostPage:
    narrowed = PostFilter(
        states=state or (),
        channel_id=channel_id,
        scheduled_from=scheduled_from,
        scheduled_before=scheduled_before,
    )
    found = await posts.list_posts(
        uow=uow, principal=principal, brand_id=brand_id, state=None, after=after, limit=limit + 1, narrowed=narrowed
    )
    page = found[:limit]
    return PostPage(items=[PostRead.of(p) for p in page], next_after=page[-1].id if len(found) > limit else None)


@router.get("/posts/{post_id}")
async def get_post(post_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> PostRead:
    return PostRead.of(await posts.get_post(uow=uow, principal=principal, post_id=post_id))


@router.patch("/posts/{post_id}")
async def update_post(
    post_id: uuid.UUID, body: PostUpdate, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> PostRead:
    post = await posts.update_post(
        uow=uow,
        principal=principal,
        post_id=post_id,
        variants=[v.to_domain() for v in body.variants],
        campaign_id=body.campaign_id,
    )
    await uow.commit()
    return PostRead.of(post)


@router.post("/posts/{post_id}/submit")
async def submit_post(post_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> PostRead:
    post = await post_approvals.submit_post(uow=uow, principal=principal, post_id=post_id)
    await uow.commit()
    return PostRead.of(post)


@router.post("/posts/{post_id}/approve")
async def approve_post(
    post_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal, body: ApproveBody | None = None
) -> PostRead:
    note = body.note if body else None
    post = await post_approvals.approve_post(uow=uow, principal=principal, post_id=post_id, note=note)
    await uow.commit()
    return PostRead.of(post)


@router.post("/posts/{post_id}/reject")
async def reject_post(
    post_id: uuid.UUID, body: ReasonBody, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> PostRead:
    post = await post_approvals.reject_post(uow=uow, principal=principal, post_id=post_id, reason=body.reason)
    await uow.commit()
    return PostRead.of(post)


@router.post("/posts/{post_id}/schedule")
async def schedule_post(
    post_id: uuid.UUID, body: ScheduleBody, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> PostRead:
    post = await post_scheduling.schedule_post(
        uow=uow, principal=principal, post_id=post_id, timing=body.timing, at=body.scheduled_at
    )
    await uow.commit()
    return PostRead.of(post)


@router.post("/posts/{post_id}/cancel")
async def cancel_post(
    post_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal, body: CancelBody | None = None
) -> PostRead:
    reason = body.reason if body else None
    post = await post_scheduling.cancel_post(uow=uow, principal=principal, post_id=post_id, reason=reason)
    await uow.commit()
    return PostRead.of(post)
