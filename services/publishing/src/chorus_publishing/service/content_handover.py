"""Planning's events publishing acts on for posts: brand guidelines and policies, and items handed over.

A handed-over content item becomes a draft post linked to it, one variant per planned network; the community
manager then picks the accounts, writes the text per network and submits it.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from chorus_publishing.adapters.posts import PostRepository
from chorus_publishing.domain.post import Post, Variant
from chorus_publishing.domain.post_state import PostState
from chorus_publishing.service.brand_rules import on_guidelines_changed, on_policies_changed
from chorus_publishing.service.posts import record
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.planning_brand_voice import BrandGuidelinesChangedV1, BrandPoliciesChangedV1
from chorus_shared.messaging.contracts.planning_calendar import ContentItemHandedOverV1
from chorus_shared.messaging.envelope import CloudEvent


async def on_planning_event(uow: UnitOfWork, event: CloudEvent) -> None:
    """Handle one event of `chorus.planning`; the ones posts do not depend on are ignored."""
    if event.type == BrandGuidelinesChangedV1.event_type:
        await on_guidelines_changed(uow, event)
    elif event.type == BrandPoliciesChangedV1.event_type:
        await on_policies_changed(uow, event)
    elif event.type == ContentItemHandedOverV1.event_type:
        await on_handed_over(uow, event)


async def on_handed_over(uow: UnitOfWork, event: CloudEvent) -> None:
    handed = ContentItemHandedOverV1.model_validate(event.data)
    posts = PostRepository(uow.session)
    if any(p.state is not PostState.CANCELLED for p in await posts.made_from(handed.content_item_id)):
        return  # the item already has its post (a second hand-over after a round trip): keep the work done on it
    text = handed.brief.strip() or handed.title
    networks = list(dict.fromkeys(handed.channels))  # planned networks, each once, in the plan's order
    post = Post.draft(
        tenant_id=uuid.UUID(event.tenantid),
        brand_id=handed.brand_id,
        variants=[Variant(network=network, text=text) for network in networks],
        by=handed.handed_over_by,
        now=datetime.now(UTC),
        campaign_id=handed.campaign_id,
        content_item_id=handed.content_item_id,
        planned_at=handed.planned_at,
    )
    await posts.add(post)
    record(uow, post)
