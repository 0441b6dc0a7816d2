"""Scheduling and cancelling a post: one publication per variant, with the exact content the network must receive.

Locks follow the dispatcher's order (queue and publication rows first, the post row last) so a person scheduling
or cancelling and a dispatcher starting the same post never deadlock.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from chorus_publishing.adapters.media_assets import MediaAssetRepository
from chorus_publishing.domain.errors import PostStateConflict
from chorus_publishing.domain.post import Post
from chorus_publishing.domain.post_state import PostState
from chorus_publishing.domain.publication import (
    MediaRef,
    Publication,
    PublicationContent,
    PublicationState,
    Timing,
)
from chorus_publishing.service.post_lifecycle import OutgoingVariant, outgoing_variants
from chorus_publishing.service.posts import save, visible_post
from chorus_publishing.service.publications import cancel_publications, schedule_publication
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import FieldError, ValidationFailed

SCHEDULABLE = frozenset({PostState.APPROVED, PostState.SCHEDULED, PostState.FAILED})
# Publications that may still reach the network: a new schedule beside them could send the post twice.
STILL_GOING = frozenset({PublicationState.CLAIMED, PublicationState.SENDING, PublicationState.UNCONFIRMED})


async def schedule_post(
    *, uow: UnitOfWork, principal: Principal, post_id: uuid.UUID, timing: Timing, at: datetime | None = None
) -> Post:
    """Add to queue, share next, share now or a custom time (`at`). Scheduling again replaces the publications
    that have not gone out; channels the post is already live on are not sent again."""
    require_permission(principal, Permission.PUBLISH_CONTENT)
    now = datetime.now(UTC)
    _check_custom_time(timing, at, now)
    post = await visible_post(uow, principal, post_id)
    if post.state not in SCHEDULABLE:
        raise PostStateConflict(f"A {post.state.value} post cannot be scheduled; it must be approved first.")
    left = await cancel_publications(uow, post.id, by=principal.subject)
    if any(p.state in STILL_GOING for p in left):
        raise PostStateConflict("The post is being sent right now; wait for the outcome before scheduling it again.")
    outgoing = [v for v in await outgoing_variants(uow, post.id) if _not_live(post, v)]
    if not outgoing:
        raise PostStateConflict("The post has no channel left to publish on.")
    dues = [await _schedule_variant(uow, post, v, timing=timing, at=at, by=principal.subject) for v in outgoing]
    locked = await visible_post(uow, principal, post_id, for_update=True)
    locked.schedule(at=min(dues), by=principal.subject, now=now, at_once=timing is not Timing.CUSTOM)
    await save(uow, locked)
    return locked


async def cancel_post(*, uow: UnitOfWork, principal: Principal, post_id: uuid.UUID, reason: str | None) -> Post:
    """Cancels the post and whatever of it has not gone out; a post being sent cannot be recalled (conflict)."""
    require_permission(principal, Permission.PUBLISH_CONTENT)
    post = await visible_post(uow, principal, post_id)
    await cancel_publications(uow, post.id, by=principal.subject)
    locked = await visible_post(uow, principal, post_id, for_update=True)
    locked.cancel(by=principal.subject, now=datetime.now(UTC), reason=" ".join((reason or "").split()) or None)
    await save(uow, locked)
    return locked


def variant_id(post_id: uuid.UUID, channel_id: uuid.UUID) -> uuid.UUID:
    """Variants have no id of their own; a post has one variant per channel, so the pair names it for good."""
    return uuid.uuid5(post_id, str(channel_id))


async def _schedule_variant(
    uow: UnitOfWork, post: Post, variant: OutgoingVariant, *, timing: Timing, at: datetime | None, by: str
) -> datetime:
    publication: Publication = await schedule_publication(
        uow,
        brand_id=post.brand_id,
        post_id=post.id,
        variant_id=variant_id(post.id, variant.channel_id),
        channel_id=variant.channel_id,
        network=variant.network,
        content=await _content(uow, post.brand_id, variant),
        timing=timing,
        at=at,
        by=by,
    )
    return publication.due_at


async def _content(uow: UnitOfWork, brand_id: uuid.UUID, variant: OutgoingVariant) -> PublicationContent:
    assets = await MediaAssetRepository(uow.session).of_brand(brand_id, [m.media_id for m in variant.media])
    media = tuple(
        MediaRef(
            media_id=str(ref.media_id),
            mime_type=assets[ref.media_id].mime_type,
            alt_text=ref.alt_text,
            storage_key=assets[ref.media_id].storage_key,
        )
        for ref in variant.media
        if ref.media_id in assets  # submitting checked every reference; an asset cannot leave its brand
    )
    return PublicationContent(
        text=variant.text,
        media=media,
        link=variant.link,
        thread=tuple(variant.thread),
        first_comment=variant.first_comment,
    )


def _not_live(post: Post, outgoing: OutgoingVariant) -> bool:
    variant = post.variant_on(outgoing.channel_id)
    return variant is None or variant.network_post_id is None


def _check_custom_time(timing: Timing, at: datetime | None, now: datetime) -> None:
    if timing is not Timing.CUSTOM:
        return
    if at is None:
        message = "Say when, or pick another timing (queue, next, now)."
        raise ValidationFailed("The post is not valid.", field_errors=[FieldError("scheduled_at", message, "required")])
    if at <= now:
        error = FieldError("scheduled_at", "Pick a time in the future.", "past")
        raise ValidationFailed("The post is not valid.", field_errors=[error])
