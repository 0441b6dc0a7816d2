"""Tables of the embedded PostgreSQL bus (database `chorus_bus`) and the bootstrap that creates them.

`bootstrap_bus_schema` runs as the bus database's owner (migration) role; the backend itself runs as the runtime
role, which only needs row privileges (granted by `db.provision` default privileges) and advisory locks.
"""

from __future__ import annotations

import base64
import json

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    create_engine,
    func,
    pool,
)
from sqlalchemy.dialects.postgresql import JSONB

from chorus_shared.db.base import new_metadata
from chorus_shared.messaging.envelope import Headers

bus_metadata: MetaData = new_metadata()

# One row per partition: `next_offset` is the append cursor. Appenders lock this row, so offsets are handed out
# gapless and become visible in offset order (a reader never skips an offset that commits late).
bus_partition = Table(
    "bus_partition",
    bus_metadata,
    Column("topic", String(249), nullable=False),
    Column("partition", Integer, nullable=False),
    Column("next_offset", BigInteger, nullable=False, server_default="0"),
    PrimaryKeyConstraint("topic", "partition"),
)

bus_record = Table(
    "bus_record",
    bus_metadata,
    Column("topic", String(249), nullable=False),
    Column("partition", Integer, nullable=False),
    Column("offset", BigInteger, nullable=False),
    Column("key", LargeBinary, nullable=True),
    # [[name, base64 value], ...]: header values are bytes, not necessarily text.
    Column("headers", JSONB, nullable=False),
    Column("value", LargeBinary, nullable=False),
    Column("appended_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    PrimaryKeyConstraint("topic", "partition", "offset"),
)

# Next offset to read per (group, topic, partition): what `commit(message)` stores (message offset + 1).
bus_group_offset = Table(
    "bus_group_offset",
    bus_metadata,
    Column("group_id", String(249), nullable=False),
    Column("topic", String(249), nullable=False),
    Column("partition", Integer, nullable=False),
    Column("next_offset", BigInteger, nullable=False),
    PrimaryKeyConstraint("group_id", "topic", "partition"),
)

# Live members of each group; `backend_pid` is the connection holding the member's partition locks.
bus_member = Table(
    "bus_member",
    bus_metadata,
    Column("group_id", String(249), nullable=False),
    Column("member_id", String(64), nullable=False),
    Column("backend_pid", Integer, nullable=False),
    Column("heartbeat_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    PrimaryKeyConstraint("group_id", "member_id"),
)


def bootstrap_bus_schema(owner_url: str) -> None:
    """Create the bus tables if they do not exist. Idempotent; `chorus up` calls it at every start."""
    from chorus_shared.db.migrate import sync_url  # imports Alembic: only the bootstrap needs it

    engine = create_engine(sync_url(owner_url), poolclass=pool.NullPool)
    try:
        with engine.begin() as conn:
            bus_metadata.create_all(conn, checkfirst=True)
    finally:
        engine.dispose()


def encode_headers(headers: Headers) -> str:
    """`bus_record.headers` as JSON text: [[name, base64 value], ...]."""
    return json.dumps([[name, base64.b64encode(value).decode()] for name, value in headers])


def decode_headers(stored: str) -> tuple[tuple[str, bytes], ...]:
    return tuple((name, base64.b64decode(value)) for name, value in json.loads(stored))
