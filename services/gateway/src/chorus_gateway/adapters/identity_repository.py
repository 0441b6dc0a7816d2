"""SQL for agencies, users and memberships. Runs under RLS: the session's tenant decides what exists."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_gateway.adapters.orm import Agency, Membership, User


class IdentityRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, *rows: Agency | User | Membership) -> None:
        self.session.add_all(rows)

    async def flush(self) -> None:
        await self.session.flush()

    async def agency(self, agency_id: uuid.UUID) -> Agency | None:
        return await self.session.get(Agency, agency_id)

    async def user(self, user_id: uuid.UUID) -> User | None:
        return await self.session.get(User, user_id)

    async def users(self, user_ids: Sequence[uuid.UUID]) -> list[User]:
        result = await self.session.scalars(select(User).where(User.id.in_(user_ids)))
        return list(result)

    async def membership(self, membership_id: uuid.UUID) -> Membership | None:
        return await self.session.get(Membership, membership_id)

    async def membership_of_user(self, user_id: uuid.UUID) -> Membership | None:
        return await self.session.scalar(select(Membership).where(Membership.user_id == user_id))

    async def memberships_page(self, *, after: tuple[object, uuid.UUID] | None, limit: int) -> list[Membership]:
        """Members in (created_at, id) order: a stable keyset that new members never shift."""
        statement = select(Membership).order_by(Membership.created_at, Membership.id).limit(limit)
        if after is not None:
            created_at, member_id = after
            statement = statement.where(
                (Membership.created_at > created_at)
                | ((Membership.created_at == created_at) & (Membership.id > member_id))
            )
        return list(await self.session.scalars(statement))
