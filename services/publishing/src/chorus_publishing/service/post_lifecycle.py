"""What the dispatcher reports about a post it sends; each call moves the post, writes its history and its event.

The dispatcher calls these inside its own unit of work (tenant set); they lock the post row so an approval, a
cancel or another worker cannot interleave. A refused move raises PostStateConflict and nothing is written.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from chorus_publishing.adapters.brand_rules import BrandRulesRepository
from chorus_publishing.adapters.networks.connector import Shortfall
from chorus_publishing.adapters.posts import PostRepository
from chorus_publishing.domain.brand_rules import BrandRules
from chorus_publishing.domain.errors import PostNotFound
from chorus_publishing.domain.post import MediaRef, Post
from chorus_publishing.domain.post_validation import outgoing_text
from chorus_publishing.domain.utm import tag_text, tag_url, tags_for
from chorus_publishing.service.posts import save
from chorus_shared.db.uow import UnitOfWork

DISPATCHER = "chorus.publishing.dispatcher"


@dataclass(frozen=True)
class OutgoingVariant:
    """One variant as it must be sent: UTM-tagged text with the link appended, media by id with alt text."""

    post_id: uuid.UUID
    channel_id: uuid.UUID
    network: str
    text: str
    media: list[MediaRef]
    thread: list[str]
    first_comment: str | None
    link: str | None = None  # tagged like the text, which already carries it


async def mark_publishing(uow: UnitOfWork, post_id: uuid.UUID, *, by: str = DISPATCHER) -> Post:
    post = await _locked(uow, post_id)
    post.start_publishing(by=by, now=_now())
    await save(uow, post)
    return post


async def mark_published(
    uow: UnitOfWork,
    post_id: uuid.UUID,
    *,
    channel_id: uuid.UUID,
    network_post_id: str,
    url: str | None,
    shortfalls: Sequence[Shortfall] = (),
    by: str = DISPATCHER,
) -> Post:
    """The post is live on `channel_id`; it becomes published once every channel has it (one event per channel)."""
    post = await _locked(uow, post_id)
    post.published_on(
        channel_id=channel_id, network_post_id=network_post_id, url=url, by=by, now=_now(), shortfalls=shortfalls
    )
    await save(uow, post)
    return post


async def mark_failed(uow: UnitOfWork, post_id: uuid.UUID, *, reason: str, by: str = DISPATCHER) -> Post:
    post = await _locked(uow, post_id)
    post.fail(by=by, reason=reason, now=_now())
    await save(uow, post)
    return post


async def mark_unconfirmed(
    uow: UnitOfWork, post_id: uuid.UUID, *, reason: str | None = None, by: str = DISPATCHER
) -> Post:
    post = await _locked(uow, post_id)
    post.unconfirm(by=by, reason=reason, now=_now())
    await save(uow, post)
    return post


async def mark_deferred(
    uow: UnitOfWork, post_id: uuid.UUID, *, until: datetime, reason: str, by: str = DISPATCHER
) -> Post:
    """Back to scheduled at `until` (a rate limit's reset, a transient error's backoff)."""
    post = await _locked(uow, post_id)
    post.defer(until=until, by=by, reason=reason, now=_now())
    await save(uow, post)
    return post


async def outgoing_variants(uow: UnitOfWork, post_id: uuid.UUID) -> list[OutgoingVariant]:
    """The post's variants as the networks must receive them (only variants with a channel)."""
    post = await PostRepository(uow.session).get(post_id)
    if post is None:
        raise PostNotFound(f"No post {post_id}.")
    rules = await brand_rules(uow, post.brand_id)
    outgoing: list[OutgoingVariant] = []
    for variant in post.variants:
        if variant.channel_id is None:
            continue
        tags = tags_for(rules.utm, network=variant.network, campaign_id=post.campaign_id)
        thread = [tag_text(item, tags) if tags else item for item in variant.thread]
        outgoing.append(
            OutgoingVariant(
                post_id=post.id,
                channel_id=variant.channel_id,
                network=variant.network,
                text=outgoing_text(variant, tags),
                media=list(variant.media),
                thread=thread,
                first_comment=variant.first_comment,
                link=tag_url(variant.link, tags) if tags and variant.link else variant.link,
            )
        )
    return outgoing


async def brand_rules(uow: UnitOfWork, brand_id: uuid.UUID) -> BrandRules:
    """The brand's approval and late-post policies, guidelines and UTM settings (defaults if never received)."""
    if uow.tenant_id is None:
        raise RuntimeError("brand rules are read within a tenant")
    return await BrandRulesRepository(uow.session).get(uow.tenant_id, brand_id)


async def _locked(uow: UnitOfWork, post_id: uuid.UUID) -> Post:
    post = await PostRepository(uow.session).get(post_id, for_update=True)
    if post is None:
        raise PostNotFound(f"No post {post_id}.")
    return post


def _now() -> datetime:
    return datetime.now(UTC)
