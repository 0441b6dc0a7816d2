"""The asyncpg connection under a session's transaction, for the statements a service runs thousands of times a
second (the dispatcher's, the outbox's).

SQLAlchemy's work around each statement (the compiled-statement cache, parameter and result processing, the greenlet
hop) costs ~90 µs of CPU. The dispatcher's statements are already one per batch, but at a top-of-the-hour burst
that work was an eighth of a replica's CPU, more than any of its own steps. These statements go to the driver
directly, in the same transaction as the unit of work's others: their SQL is plain PostgreSQL with `$n`
parameters, and their rows are asyncpg records (read by column name). Their errors are asyncpg's own, not wrapped in
SQLAlchemy's `DBAPIError`; the unit of work rolls back on either.
"""

from __future__ import annotations

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession


class NoTransactionError(RuntimeError):
    """A driver statement was asked for before the session's transaction began on the server."""


async def driver_connection(session: AsyncSession) -> asyncpg.Connection:
    """The session's asyncpg connection, inside the transaction the session has begun.

    SQLAlchemy opens the server-side transaction with the session's first statement (a unit of work's is setting the
    tenant). A statement sent to the driver before that would run in a transaction of its own and commit at once, so
    that is refused rather than done.
    """
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver: asyncpg.Connection = raw.driver_connection
    if not driver.is_in_transaction():
        raise NoTransactionError("the session has not begun its transaction on the server: run a statement first")
    return driver
