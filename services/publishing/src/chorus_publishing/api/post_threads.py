"""A post's history (every state change with who and why) and its comment thread over REST."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from chorus_publishing.api.dependencies import RequestUnitOfWork
from chorus_publishing.api.post_schemas import CommentCreate, CommentRead, HistoryRead
from chorus_publishing.service import post_approvals, posts
from chorus_shared.auth import CurrentPrincipal

router = APIRouter(prefix="/posts/{post_id}", tags=["posts"])


@router.get("/history")
async def post_history(post_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> list[HistoryRead]:
    entries = await posts.post_history(uow=uow, principal=principal, post_id=post_id)
    return [HistoryRead.of(e) for e in entries]


@router.get("/comments")
async def list_comments(post_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal) -> list[CommentRead]:
    comments = await post_approvals.post_comments(uow=uow, principal=principal, post_id=post_id)
    return [CommentRead.of(c) for c in comments]


@router.post("/comments", status_code=201)
async def add_comment(
    post_id: uuid.UUID, body: CommentCreate, uow: RequestUnitOfWork, principal: CurrentPrincipal
) -> CommentRead:
    comment = await post_approvals.comment_on_post(uow=uow, principal=principal, post_id=post_id, text=body.text)
    await uow.commit()
    return CommentRead.of(comment)
