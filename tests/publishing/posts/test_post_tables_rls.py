"""Row-level security on every posts table: another tenant, or no tenant at all, sees none of the rows."""

from __future__ import annotations

import uuid

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_publishing.testing.post_kit import Agency, known_brand, new_post, variant
from chorus_shared.db.engine import make_engine
from chorus_shared.db.tenancy import set_tenant
from chorus_shared.testing.postgres import MigratedDatabase

AGENCY = Agency()
TABLES = ("posts", "post_variants", "post_history", "post_comments", "media_assets", "brand_rules")


async def _counts(database: MigratedDatabase, tenant: uuid.UUID | None) -> dict[str, int]:
    engine = make_engine(database.app_url)
    try:
        async with AsyncSession(engine) as session, session.begin():
            if tenant is not None:
                await set_tenant(session, tenant)
            return {t: int((await session.execute(text(f'SELECT count(*) FROM "{t}"'))).scalar_one()) for t in TABLES}
    finally:
        await engine.dispose()


@pytest.mark.parametrize("who", ["own tenant", "other tenant", "no tenant"])
async def test_only_the_owning_tenant_sees_post_rows(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase, who: str
) -> None:
    brand = await known_brand(publishing_db, AGENCY)
    post = await new_post(client, AGENCY, brand, variant())
    await client.post(f"/posts/{post['id']}/comments", json={"text": "Looks good"}, headers=AGENCY.cm)
    await client.put(f"/brands/{brand}/utm", json={"medium": "social"}, headers=AGENCY.smm)
    png = b"\x89PNG\r\n\x1a\n" + uuid.uuid4().bytes
    await client.post(f"/brands/{brand}/media", files={"file": ("a.png", png, "image/png")}, headers=AGENCY.cm)

    tenant = {"own tenant": AGENCY.id, "other tenant": uuid.uuid4(), "no tenant": None}[who]
    counts = await _counts(publishing_db, tenant)
    if who == "own tenant":
        assert all(count > 0 for count in counts.values()), counts
    else:
        assert counts == dict.fromkeys(TABLES, 0)
