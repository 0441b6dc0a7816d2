"""The sandbox network's request and response bodies."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from chorus_publishing.adapters.networks.sandbox_state import SandboxComment, SandboxPost


class MediaIn(BaseModel):
    kind: str
    mime_type: str
    alt_text: str | None = None
    size_bytes: int = Field(ge=0)


class PostIn(BaseModel):
    # Lists default through a factory: a literal [] default is deep-copied on every validation, on the hot path.
    text: str
    media: list[MediaIn] = Field(default_factory=list)
    link: str | None = None
    thread: list[str] = Field(default_factory=list)
    idempotency_key: str | None = None


class PostOut(BaseModel):
    id: str
    url: str
    text: str
    created_at: datetime
    thread_ids: list[str]
    idempotency_key: str | None


class CommentIn(BaseModel):
    text: str = Field(min_length=1)
    in_reply_to: str | None = None


class CommentOut(BaseModel):
    id: str
    author: str
    text: str
    created_at: datetime
    in_reply_to: str | None


def post_out(post: SandboxPost) -> PostOut:
    return PostOut(
        id=post.id,
        url=f"sandbox://{post.account}/posts/{post.id}",
        text=post.text,
        created_at=post.created_at,
        thread_ids=post.thread_ids,
        idempotency_key=post.idempotency_key,
    )


def comment_out(comment: SandboxComment) -> CommentOut:
    return CommentOut(
        id=comment.id,
        author=comment.author,
        text=comment.text,
        created_at=comment.created_at,
        in_reply_to=comment.in_reply_to,
    )
