"""Per-request DataLoaders: created with the request's context, never shared, so no tenant sees another's rows."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from strawberry.dataloader import DataLoader

from chorus_gateway.adapters.identity_repository import IdentityRepository
from chorus_gateway.adapters.orm import User
from chorus_gateway.graphql.database import RequestDatabase


@dataclass
class Loaders:
    users: DataLoader[uuid.UUID, User | None]


def make_loaders(database: RequestDatabase) -> Loaders:
    async def load_users(ids: Sequence[uuid.UUID]) -> list[User | None]:
        async with database.session() as session:
            found = {user.id: user for user in await IdentityRepository(session).users(list(ids))}
        return [found.get(user_id) for user_id in ids]

    return Loaders(users=DataLoader(load_fn=load_users))
