"""Statements sent to the driver run in the session's transaction: rolled back with it, and refused before it began."""

from __future__ import annotations

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, text

from chorus_shared.db.driver import NoTransactionError, driver_connection
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.testing.postgres import MakeDatabase, MigratedDatabase

metadata = MetaData()
Table("marks", metadata, Column("n", Integer, primary_key=True))


@pytest.fixture(scope="module")
def database(service_database: MakeDatabase) -> MigratedDatabase:
    return service_database("driver", metadata=metadata)


async def test_a_driver_statement_belongs_to_the_sessions_transaction(database: MigratedDatabase) -> None:
    engine = make_engine(database.app_url)
    sessions = make_sessions(engine)
    try:
        async with sessions() as session, session.begin():
            await session.execute(text("INSERT INTO marks VALUES (1)"))
            await (await driver_connection(session)).execute("INSERT INTO marks VALUES ($1)", 2)
            seen = (await session.execute(text("SELECT count(*) FROM marks"))).scalar_one()
            await session.rollback()
        async with sessions() as session:
            left = (await session.execute(text("SELECT count(*) FROM marks"))).scalar_one()
    finally:
        await engine.dispose()
    assert (seen, left) == (2, 0)


async def test_a_driver_statement_before_the_transaction_began_is_refused(database: MigratedDatabase) -> None:
    engine = make_engine(database.app_url)
    try:
        async with make_sessions(engine)() as session, session.begin():
            with pytest.raises(NoTransactionError):
                await driver_connection(session)
    finally:
        await engine.dispose()
