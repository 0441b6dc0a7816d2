"""Submitting a post for approval, approving or rejecting it by the brand's policy, and the remarks on it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from chorus_publishing.adapters.brand_rules import BrandRulesRepository
from chorus_publishing.adapters.posts import PostRepository
from chorus_publishing.domain.approval import ensure_may_approve, ensure_may_reject, needs_approval
from chorus_publishing.domain.brand_rules import BrandRules
from chorus_publishing.domain.post import Post
from chorus_publishing.domain.post_comment import PostComment
from chorus_publishing.service.post_checks import ensure_ready_to_submit
from chorus_publishing.service.posts import save, visible_post
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import Forbidden
from chorus_shared.messaging.contracts.publishing_posts import PostCommentedV1


async def submit_post(*, uow: UnitOfWork, principal: Principal, post_id: uuid.UUID) -> Post:
    """Send for approval; a brand that needs none has the post approved at once. Invalid content is refused."""
    require_permission(principal, Permission.PUBLISH_CONTENT)
    post = await visible_post(uow, principal, post_id, for_update=True)
    await ensure_ready_to_submit(uow, brand_id=post.brand_id, variants=post.variants, campaign_id=post.campaign_id)
    rules = await _rules(uow, post)
    post.submit(needs_approval=needs_approval(rules.approval_policy), by=principal.subject, now=datetime.now(UTC))
    await save(uow, post)
    return post


async def approve_post(*, uow: UnitOfWork, principal: Principal, post_id: uuid.UUID, note: str | None) -> Post:
    post = await visible_post(uow, principal, post_id, for_update=True)
    ensure_may_approve(principal, (await _rules(uow, post)).approval_policy)
    post.approve(by=principal.subject, now=datetime.now(UTC), note=" ".join((note or "").split()) or None)
    await save(uow, post)
    return post


async def reject_post(*, uow: UnitOfWork, principal: Principal, post_id: uuid.UUID, reason: str) -> Post:
    post = await visible_post(uow, principal, post_id, for_update=True)
    ensure_may_reject(principal, (await _rules(uow, post)).approval_policy)
    post.reject(by=principal.subject, reason=reason, now=datetime.now(UTC))
    await save(uow, post)
    return post


async def comment_on_post(*, uow: UnitOfWork, principal: Principal, post_id: uuid.UUID, text: str) -> PostComment:
    if not (principal.can(Permission.PUBLISH_CONTENT) or principal.can(Permission.APPROVE_CONTENT)):
        raise Forbidden("Only those who write or approve posts may comment on them.")
    post = await visible_post(uow, principal, post_id)
    comment = PostComment.write(
        tenant_id=principal.tenant_id, post_id=post.id, author=principal.subject, text=text, at=datetime.now(UTC)
    )
    await PostRepository(uow.session).add_comment(comment)
    payload = PostCommentedV1(
        post_id=post.id, brand_id=post.brand_id, comment_id=comment.id, author=comment.author, at=comment.at
    )
    uow.emit(payload, subject=post.id)
    return comment


async def post_comments(*, uow: UnitOfWork, principal: Principal, post_id: uuid.UUID) -> list[PostComment]:
    require_permission(principal, Permission.READ)
    post = await visible_post(uow, principal, post_id)
    return await PostRepository(uow.session).comments(post.id)


async def _rules(uow: UnitOfWork, post: Post) -> BrandRules:
    return await BrandRulesRepository(uow.session).get(post.tenant_id, post.brand_id)
