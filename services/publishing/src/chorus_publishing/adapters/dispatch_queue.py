"""The dispatch queue: cross-tenant claims with `FOR UPDATE SKIP LOCKED` and leases, in short transactions.

Phases: due -> claimed (deleted once the answer is recorded); reconcile -> reconciling; frozen (brand freeze).
A claim's lease covers the start, the send and the record: the row moves twice per post (claimed, then deleted),
not once more when its request leaves. A lease that runs out goes to `reconcile`, never back to `due`: only the
publication knows whether its request left (`sending`), and reconciliation reads it, sending back to `due` what
never started and asking the network about the rest. (`sending`, the phase a row took when its request left
before revision 0008, still expires the same way: a replica of the previous version may hold such rows during a
rolling update.)
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

CLAIM = text(
    """
    WITH picked AS (
        SELECT publication_id FROM dispatch_queue
        WHERE phase = :from_phase AND run_at <= now()
        ORDER BY run_at
        LIMIT :limit
        FOR UPDATE SKIP LOCKED
    )
    UPDATE dispatch_queue q
    SET phase = :to_phase, lease_owner = :owner, lease_until = now() + make_interval(secs => :lease_s)
    FROM picked WHERE q.publication_id = picked.publication_id
    RETURNING q.publication_id, q.tenant_id, q.brand_id
    """
)

EXPIRE = text(
    """
    UPDATE dispatch_queue
    SET phase = 'reconcile', lease_owner = NULL, lease_until = NULL, run_at = now()
    WHERE phase IN ('claimed', 'sending', 'reconciling') AND lease_until < now()
    """
)

PUT = text(
    """
    INSERT INTO dispatch_queue (publication_id, tenant_id, brand_id, phase, run_at)
    SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:tenants AS uuid[]), CAST(:brands AS uuid[]),
                         CAST(:phases AS text[]), CAST(:run_ats AS timestamptz[]))
    ON CONFLICT (publication_id) DO UPDATE
    SET phase = excluded.phase, run_at = excluded.run_at, lease_owner = NULL, lease_until = NULL
    """
)


@dataclass(frozen=True)
class Claimed:
    publication_id: uuid.UUID
    tenant_id: uuid.UUID
    brand_id: uuid.UUID


@dataclass(frozen=True)
class Placement:
    """Where a publication stands in the queue next: `phase` at `run_at`."""

    publication_id: uuid.UUID
    tenant_id: uuid.UUID
    brand_id: uuid.UUID
    phase: str
    run_at: datetime


class DispatchQueue:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(self, *, from_phase: str, to_phase: str, owner: str, limit: int, lease_s: float) -> list[Claimed]:
        rows = await self._session.execute(
            CLAIM,
            {"from_phase": from_phase, "to_phase": to_phase, "owner": owner, "limit": limit, "lease_s": lease_s},
        )
        return [Claimed(row.publication_id, row.tenant_id, row.brand_id) for row in rows]

    async def expire_leases(self) -> int:
        result = await self._session.execute(EXPIRE)
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def put(self, placements: Sequence[Placement]) -> None:
        if not placements:
            return
        await self._session.execute(
            PUT,
            {
                "ids": [p.publication_id for p in placements],
                "tenants": [p.tenant_id for p in placements],
                "brands": [p.brand_id for p in placements],
                "phases": [p.phase for p in placements],
                "run_ats": [p.run_at for p in placements],
            },
        )

    async def remove(self, ids: Sequence[uuid.UUID], *, phases: Sequence[str] | None = None) -> set[uuid.UUID]:
        if not ids:
            return set()
        where = " AND phase = ANY(:phases)" if phases is not None else ""
        rows = await self._session.execute(
            text(f"DELETE FROM dispatch_queue WHERE publication_id = ANY(:ids){where} RETURNING publication_id"),
            {"ids": list(ids), "phases": list(phases or ())},
        )
        return {row.publication_id for row in rows}

    async def phases(self, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
        rows = await self._session.execute(
            text("SELECT publication_id, phase FROM dispatch_queue WHERE publication_id = ANY(:ids) FOR UPDATE"),
            {"ids": list(ids)},
        )
        return {row.publication_id: row.phase for row in rows}

    async def frozen_brands(self) -> list[tuple[uuid.UUID, uuid.UUID]]:
        rows = await self._session.execute(
            text("SELECT DISTINCT tenant_id, brand_id FROM dispatch_queue WHERE phase = 'frozen'")
        )
        return [(row.tenant_id, row.brand_id) for row in rows]
