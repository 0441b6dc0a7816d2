"""Follows publishing's post events: a handed-over item gets its draft post, then becomes published.

Redeliveries are harmless (the inbox runs each event once; marking an item published twice changes nothing) and
events about items planning does not know (another tenant's, a post made without a plan) are ignored.
"""

from __future__ import annotations

import logging

from chorus_planning.adapters.content_items import ContentItemRepository
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.messaging.contracts.publishing import PostCreatedV1, PostPublishedV1
from chorus_shared.messaging.envelope import CloudEvent

log = logging.getLogger(__name__)


async def on_publishing_event(uow: UnitOfWork, event: CloudEvent) -> None:
    if event.type == PostCreatedV1.event_type:
        created = PostCreatedV1.model_validate(event.data)
        if created.content_item_id is None:
            return
        item = await ContentItemRepository(uow.session).get(created.content_item_id, for_update=True)
        if item is None or item.brand_id != created.brand_id:
            return
        item.link_post(created.post_id)
        await ContentItemRepository(uow.session).save(item)
    elif event.type == PostPublishedV1.event_type:
        published = PostPublishedV1.model_validate(event.data)
        if published.content_item_id is None:
            return
        repository = ContentItemRepository(uow.session)
        item = await repository.get(published.content_item_id, for_update=True)
        if item is None or item.brand_id != published.brand_id:
            log.info("post %s published for unknown content item %s", published.post_id, published.content_item_id)
            return
        if item.mark_published(
            post_id=published.post_id, published_at=published.published_at, url=published.network_post_url
        ):
            await repository.save(item)
            uow.emit_all((e, item.id) for e in item.events)
            item.events.clear()
