"""Post repository: a post with its variants, its history and its comments (RLS keeps them to the tenant)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_publishing.adapters.networks.connector import Shortfall
from chorus_publishing.adapters.post_orm import PostCommentRow, PostHistoryRow, PostRow, PostVariantRow
from chorus_publishing.domain.post import MediaRef, Post, Variant
from chorus_publishing.domain.post_comment import PostComment
from chorus_publishing.domain.post_state import HistoryEntry, PostState


@dataclass(frozen=True)
class PostFilter:
    """Narrows a brand's post list: any of `states`, a variant on `channel_id`, scheduled in [from, before)."""

    states: Sequence[PostState] = ()
    channel_id: uuid.UUID | None = None
    scheduled_from: datetime | None = None
    scheduled_before: datetime | None = None


class PostRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, post_id: uuid.UUID, *, for_update: bool = False) -> Post | None:
        statement = select(PostRow).where(PostRow.id == post_id)
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        if row is None:
            return None
        return (await self._with_variants([row]))[0]

    async def list_for_brand(
        self,
        brand_id: uuid.UUID,
        *,
        state: PostState | None,
        after: uuid.UUID | None,
        limit: int,
        narrowed: PostFilter | None = None,
    ) -> list[Post]:
        statement = select(PostRow).where(PostRow.brand_id == brand_id).order_by(PostRow.id).limit(limit)
        if state is not None:
            statement = statement.where(PostRow.state == state.value)
        if after is not None:
            statement = statement.where(PostRow.id > after)
        if narrowed is not None:
            statement = _narrowed(statement, narrowed)
        return await self._with_variants(list((await self._session.execute(statement)).scalars()))

    async def made_from(self, content_item_id: uuid.UUID) -> list[Post]:
        statement = select(PostRow).where(PostRow.content_item_id == content_item_id)
        return await self._with_variants(list((await self._session.execute(statement)).scalars()))

    async def add(self, post: Post) -> None:
        row = PostRow(id=post.id, tenant_id=post.tenant_id, brand_id=post.brand_id, created_by=post.created_by)
        _fill(row, post)
        self._session.add(row)
        await self._session.flush()
        await self._write_details(post)

    async def save(self, post: Post) -> None:
        """Write the post's current state, replace its variants and append its new history lines."""
        row = await self._session.get(PostRow, post.id)
        if row is None:
            raise LookupError(post.id)
        _fill(row, post)
        await self._session.execute(delete(PostVariantRow).where(PostVariantRow.post_id == post.id))
        await self._write_details(post)

    async def _write_details(self, post: Post) -> None:
        self._session.add_all(_variant_row(post, position, v) for position, v in enumerate(post.variants))
        self._session.add_all(_history_row(post, entry) for entry in post.new_history)
        post.new_history.clear()
        await self._session.flush()

    async def history(self, post_id: uuid.UUID) -> list[HistoryEntry]:
        statement = select(PostHistoryRow).where(PostHistoryRow.post_id == post_id).order_by(PostHistoryRow.id)
        return [
            HistoryEntry(
                at=r.at,
                by=r.by,
                from_state=PostState(r.from_state) if r.from_state else None,
                to_state=PostState(r.to_state),
                reason=r.reason,
            )
            for r in (await self._session.execute(statement)).scalars()
        ]

    async def add_comment(self, comment: PostComment) -> None:
        self._session.add(
            PostCommentRow(
                id=comment.id,
                tenant_id=comment.tenant_id,
                post_id=comment.post_id,
                author=comment.author,
                text=comment.text,
                at=comment.at,
            )
        )
        await self._session.flush()

    async def comments(self, post_id: uuid.UUID) -> list[PostComment]:
        statement = (
            select(PostCommentRow)
            .where(PostCommentRow.post_id == post_id)
            .order_by(PostCommentRow.at, PostCommentRow.id)
        )
        return [
            PostComment(id=r.id, tenant_id=r.tenant_id, post_id=r.post_id, author=r.author, text=r.text, at=r.at)
            for r in (await self._session.execute(statement)).scalars()
        ]

    async def _with_variants(self, rows: Sequence[PostRow]) -> list[Post]:
        if not rows:
            return []
        statement = (
            select(PostVariantRow)
            .where(PostVariantRow.post_id.in_([r.id for r in rows]))
            .order_by(PostVariantRow.post_id, PostVariantRow.position)
        )
        variants: dict[uuid.UUID, list[Variant]] = {r.id: [] for r in rows}
        for v in (await self._session.execute(statement)).scalars():
            variants[v.post_id].append(_variant(v))
        return [_post(r, variants[r.id]) for r in rows]


def _fill(row: PostRow, post: Post) -> None:
    row.campaign_id, row.content_item_id, row.state = post.campaign_id, post.content_item_id, post.state.value
    row.created_at, row.updated_at = post.created_at, post.updated_at
    row.planned_at, row.scheduled_at = post.planned_at, post.scheduled_at


def _post(row: PostRow, variants: list[Variant]) -> Post:
    return Post(
        id=row.id,
        tenant_id=row.tenant_id,
        brand_id=row.brand_id,
        state=PostState(row.state),
        variants=variants,
        created_by=row.created_by,
        created_at=row.created_at,
        updated_at=row.updated_at,
        campaign_id=row.campaign_id,
        content_item_id=row.content_item_id,
        planned_at=row.planned_at,
        scheduled_at=row.scheduled_at,
    )


def _variant(row: PostVariantRow) -> Variant:
    return Variant(
        network=row.network,
        channel_id=row.channel_id,
        text=row.text,
        media=[MediaRef(uuid.UUID(m["media_id"]), m.get("alt_text")) for m in row.media],
        link=row.link,
        thread=list(row.thread),
        first_comment=row.first_comment,
        network_post_id=row.network_post_id,
        url=row.url,
        published_at=row.published_at,
        shortfalls=[Shortfall.from_json(s) for s in row.shortfalls or ()],
    )


def _variant_row(post: Post, position: int, variant: Variant) -> PostVariantRow:
    return PostVariantRow(
        post_id=post.id,
        position=position,
        tenant_id=post.tenant_id,
        channel_id=variant.channel_id,
        network=variant.network,
        text=variant.text,
        media=[{"media_id": str(m.media_id), "alt_text": m.alt_text} for m in variant.media],
        link=variant.link,
        thread=list(variant.thread),
        first_comment=variant.first_comment,
        network_post_id=variant.network_post_id,
        url=variant.url,
        published_at=variant.published_at,
        shortfalls=[s.as_json() for s in variant.shortfalls],
    )


def _history_row(post: Post, entry: HistoryEntry) -> PostHistoryRow:
    return PostHistoryRow(
        tenant_id=post.tenant_id,
        post_id=post.id,
        at=entry.at,
        by=entry.by,
        from_state=entry.from_state.value if entry.from_state else None,
        to_state=entry.to_state.value,
        reason=entry.reason,
    )


def _narrowed(statement: Select[PostRow], narrowed: PostFilter) -> Select[PostRow]:
    if narrowed.states:
        statement = statement.where(PostRow.state.in_([state.value for state in narrowed.states]))
    if narrowed.channel_id is not None:
        on_channel = select(PostVariantRow.post_id).where(PostVariantRow.channel_id == narrowed.channel_id)
        statement = statement.where(PostRow.id.in_(on_channel))
    if narrowed.scheduled_from is not None:
        statement = statement.where(PostRow.scheduled_at >= narrowed.scheduled_from)
    if narrowed.scheduled_before is not None:
        statement = statement.where(PostRow.scheduled_at < narrowed.scheduled_before)
    return statement
