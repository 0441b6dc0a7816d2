"""Planning's callers and helpers for its API tests: one agency's members, brands, the events in the outbox."""

from __future__ import annotations

import json
import uuid

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from chorus_shared.auth import Role
from chorus_shared.testing.http import auth_headers, principal
from chorus_shared.testing.postgres import MigratedDatabase


class Agency:
    """One agency's callers: owner, social media manager, two community managers, an analyst."""

    def __init__(self) -> None:
        self.id = uuid.uuid4()
        self.cm_id = uuid.uuid4()
        self.other_cm_id = uuid.uuid4()
        self.owner = auth_headers(principal(self.id, Role.OWNER))
        self.smm = auth_headers(principal(self.id, Role.SOCIAL_MEDIA_MANAGER, subject=str(uuid.uuid4())))
        self.cm = auth_headers(principal(self.id, Role.COMMUNITY_MANAGER, subject=str(self.cm_id)))
        self.other_cm = auth_headers(principal(self.id, Role.COMMUNITY_MANAGER, subject=str(self.other_cm_id)))
        self.analyst = auth_headers(principal(self.id, Role.ANALYST))

    def client_of(self, *brand_ids: str) -> dict[str, str]:
        return auth_headers(principal(self.id, Role.CLIENT, brands=[uuid.UUID(b) for b in brand_ids]))


async def new_brand(client: httpx.AsyncClient, agency: Agency, timezone: str = "Europe/Paris") -> str:
    body = {"name": f"Brand {uuid.uuid4().hex[:6]}", "timezone": timezone, "languages": ["fr"]}
    response = await client.post("/brands", json=body, headers=agency.owner)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def outbox_events(database: MigratedDatabase, subject: str) -> list[tuple[str, dict[str, object]]]:
    """(type, data) of the events recorded about `subject`, oldest first."""
    engine = create_async_engine(database.owner_url)
    async with engine.connect() as conn:
        rows = (
            await conn.execute(
                text("SELECT event_type, value FROM outbox WHERE key = :k ORDER BY id"), {"k": subject.encode()}
            )
        ).all()
    await engine.dispose()
    return [(row.event_type, json.loads(row.value)) for row in rows]
