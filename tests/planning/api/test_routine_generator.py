"""The worker's routine generator on a real database: every active routine's next days across tenants, each
occurrence made once even with two generators at once, and nothing more once a routine ends."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from chorus_planning.service.routine_generation import GeneratorConfig, generate_due_routines
from chorus_shared.auth import Role
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.db.tenancy import TENANT_SETTING
from chorus_shared.testing.http import auth_headers, principal
from chorus_shared.testing.postgres import MigratedDatabase

AGENCY, OTHER_AGENCY = uuid.uuid4(), uuid.uuid4()
CONFIG = GeneratorConfig(horizon_days=14, interval=timedelta(hours=1), batch_size=2)
CREATED = "chorus.planning.roadmap_task.created.v1"


@pytest.fixture
async def sessions(planning_db: MigratedDatabase) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = make_engine(planning_db.app_url)
    try:
        yield make_sessions(engine)
    finally:
        await engine.dispose()


async def _routines(client: httpx.AsyncClient, agency: uuid.UUID, count: int) -> tuple[str, list[str]]:
    smm = auth_headers(principal(agency, Role.SOCIAL_MEDIA_MANAGER))
    body = {"name": f"Brand {uuid.uuid4().hex[:6]}", "timezone": "Europe/Paris", "languages": ["fr"]}
    brand = (await client.post("/brands", json=body, headers=smm)).json()["id"]
    routine = {
        "title": "Daily monitoring",
        "assignee_id": str(uuid.uuid4()),
        "frequency": "daily",
        "local_time": "09:00",
    }
    ids = []
    for _ in range(count):
        created = await client.post(f"/brands/{brand}/routines", json=routine, headers=smm)
        assert created.status_code == 201, created.text
        ids.append(created.json()["id"])
    return brand, ids


async def _occurrences(database: MigratedDatabase, agency: uuid.UUID) -> dict[str, list[str]]:
    """Each routine's occurrence dates, as the agency's own rows (RLS) show them."""
    engine = create_async_engine(database.app_url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("SELECT set_config(:k, :v, true)"), {"k": TENANT_SETTING, "v": str(agency)})
            rows = await conn.execute(
                text("SELECT routine_id, occurrence_date FROM roadmap_tasks ORDER BY occurrence_date")
            )
            found: dict[str, list[str]] = {}
            for routine_id, day in rows:
                found.setdefault(str(routine_id), []).append(day.isoformat())
    finally:
        await engine.dispose()
    return found


async def _created_events(database: MigratedDatabase) -> int:
    engine = create_async_engine(database.owner_url)
    try:
        async with engine.connect() as conn:
            query = text("SELECT count(*) FROM outbox WHERE event_type = :t")
            return int((await conn.execute(query, {"t": CREATED})).scalar_one())
    finally:
        await engine.dispose()


async def test_two_generators_at_once_make_each_occurrence_once_across_tenants(
    client: httpx.AsyncClient, planning_db: MigratedDatabase, sessions: async_sessionmaker[AsyncSession]
) -> None:
    _, mine = await _routines(client, AGENCY, 4)
    _, theirs = await _routines(client, OTHER_AGENCY, 2)
    before = await _created_events(planning_db)
    now = datetime.now(UTC) + timedelta(seconds=1)

    async def generator() -> int:
        made = 0
        for _ in range(4):  # batches of 2: several rounds each, interleaved with the other generator's
            made += (await generate_due_routines(sessions, CONFIG, now=now)).tasks
        return made

    made = await asyncio.gather(generator(), generator())
    assert sum(made) == 6 * 14
    assert await _created_events(planning_db) - before == 6 * 14
    for agency, routines in ((AGENCY, mine), (OTHER_AGENCY, theirs)):
        occurrences = await _occurrences(planning_db, agency)
        assert sorted(occurrences) == sorted(routines)  # each agency's tasks in its own tenant
        for dates in occurrences.values():
            assert len(dates) == len(set(dates)) == 14
    # Generated for the horizon: nothing is due again before the next round.
    assert (await generate_due_routines(sessions, CONFIG, now=now + timedelta(minutes=30))).routines == 0


async def test_an_ended_routine_generates_nothing_more(
    client: httpx.AsyncClient, planning_db: MigratedDatabase, sessions: async_sessionmaker[AsyncSession]
) -> None:
    agency = uuid.uuid4()
    brand, (kept, ended) = await _routines(client, agency, 2)
    now = datetime.now(UTC) + timedelta(seconds=1)
    while (await generate_due_routines(sessions, CONFIG, now=now)).routines:
        pass
    smm = auth_headers(principal(agency, Role.SOCIAL_MEDIA_MANAGER))
    assert (await client.post(f"/brands/{brand}/routines/{ended}/end", headers=smm)).status_code == 200

    a_day_later = now + timedelta(days=1)
    while (await generate_due_routines(sessions, CONFIG, now=a_day_later)).routines:
        pass
    occurrences = await _occurrences(planning_db, agency)
    # The kept routine has its new fifteenth day; the ended one stays as it was.
    assert (len(occurrences[kept]), len(occurrences[ended])) == (15, 14)
