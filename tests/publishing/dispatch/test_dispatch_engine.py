"""The dispatcher's pool: statements planned at each execution, for the batch and the tables as they are then."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from chorus_publishing.service.dispatch_engine import dispatch_engine
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.testing.postgres import MigratedDatabase


async def _plan_cache_mode(engine: AsyncEngine) -> str:
    try:
        async with make_sessions(engine)() as session, session.begin():
            return str((await session.execute(text("SHOW plan_cache_mode"))).scalar_one())
    finally:
        await engine.dispose()


async def test_the_dispatcher_plans_each_statement_where_request_handlers_keep_the_default(
    publishing_db: MigratedDatabase,
) -> None:
    assert await _plan_cache_mode(dispatch_engine(publishing_db.app_url)) == "force_custom_plan"
    assert await _plan_cache_mode(make_engine(publishing_db.app_url)) == "auto"
