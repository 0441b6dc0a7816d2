"""Writing and reading posts: create a draft, edit it, list a brand's posts, read the history (scheduling and
cancelling: post_scheduling.py)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from chorus_publishing.adapters.brand_references import BrandReferenceRepository
from chorus_publishing.adapters.posts import PostFilter, PostRepository
from chorus_publishing.domain.errors import BrandNotKnown, PostNotFound
from chorus_publishing.domain.post import Post, Variant
from chorus_publishing.domain.post_state import HistoryEntry, PostState
from chorus_publishing.service.post_checks import PostCheck, check_content, ensure_draft_valid
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork


async def create_post(
    *,
    uow: UnitOfWork,
    principal: Principal,
    brand_id: uuid.UUID,
    variants: list[Variant],
    campaign_id: uuid.UUID | None = None,
    content_item_id: uuid.UUID | None = None,
) -> Post:
    require_permission(principal, Permission.PUBLISH_CONTENT)
    await ensure_brand_known(uow, principal, brand_id)
    await ensure_draft_valid(uow, brand_id=brand_id, variants=variants)
    post = Post.draft(
        tenant_id=principal.tenant_id,
        brand_id=brand_id,
        variants=variants,
        by=principal.subject,
        now=datetime.now(UTC),
        campaign_id=campaign_id,
        content_item_id=content_item_id,
    )
    await PostRepository(uow.session).add(post)
    record(uow, post)
    return post


async def update_post(
    *,
    uow: UnitOfWork,
    principal: Principal,
    post_id: uuid.UUID,
    variants: list[Variant],
    campaign_id: uuid.UUID | None,
) -> Post:
    require_permission(principal, Permission.PUBLISH_CONTENT)
    post = await visible_post(uow, principal, post_id, for_update=True)
    await ensure_draft_valid(uow, brand_id=post.brand_id, variants=variants)
    post.revise(variants=variants, campaign_id=campaign_id, by=principal.subject, now=datetime.now(UTC))
    await save(uow, post)
    return post


async def get_post(*, uow: UnitOfWork, principal: Principal, post_id: uuid.UUID) -> Post:
    require_permission(principal, Permission.READ)
    return await visible_post(uow, principal, post_id)


async def list_posts(
    *,
    uow: UnitOfWork,
    principal: Principal,
    brand_id: uuid.UUID,
    state: PostState | None,
    after: uuid.UUID | None,
    limit: int,
    narrowed: PostFilter | None = None,
) -> list[Post]:
    require_permission(principal, Permission.READ)
    if not principal.can_see_brand(brand_id):
        raise BrandNotKnown(f"Publishing does not know brand {brand_id}.")
    posts = PostRepository(uow.session)
    return await posts.list_for_brand(brand_id, state=state, after=after, limit=limit, narrowed=narrowed)


async def post_history(*, uow: UnitOfWork, principal: Principal, post_id: uuid.UUID) -> list[HistoryEntry]:
    require_permission(principal, Permission.READ)
    post = await visible_post(uow, principal, post_id)
    return await PostRepository(uow.session).history(post.id)


async def visible_post(uow: UnitOfWork, principal: Principal, post_id: uuid.UUID, *, for_update: bool = False) -> Post:
    """The post if the caller's tenant (RLS) and brand scope include it; otherwise it does not exist for them."""
    post = await PostRepository(uow.session).get(post_id, for_update=for_update)
    if post is None or not principal.can_see_brand(post.brand_id):
        raise PostNotFound(f"No post {post_id}.")
    return post


async def ensure_brand_known(uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID) -> None:
    known = principal.can_see_brand(brand_id) and await BrandReferenceRepository(uow.session).get(brand_id)
    if not known:
        raise BrandNotKnown(f"Publishing does not know brand {brand_id}.")


async def save(uow: UnitOfWork, post: Post) -> None:
    await PostRepository(uow.session).save(post)
    record(uow, post)


def record(uow: UnitOfWork, post: Post) -> None:
    """Hand the post's events to the unit of work; keyed by post so one post's events stay in order."""
    uow.emit_all((event, post.id) for event in post.events)
    post.events.clear()


async def validate_post(
    *,
    uow: UnitOfWork,
    principal: Principal,
    brand_id: uuid.UUID,
    variants: list[Variant],
    campaign_id: uuid.UUID | None,
) -> PostCheck:
    """What the networks and the brand's guidelines would say about this content; nothing is saved."""
    require_permission(principal, Permission.READ)
    await ensure_brand_known(uow, principal, brand_id)
    return await check_content(uow, brand_id=brand_id, variants=variants, campaign_id=campaign_id)
