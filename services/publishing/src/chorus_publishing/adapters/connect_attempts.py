"""OAuth connect attempts (RLS): found by the hash of their state, the PKCE verifier kept encrypted."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_publishing.adapters.channel_orm import ConnectAttemptRow
from chorus_publishing.domain.channel import Network
from chorus_publishing.domain.connect_attempt import ConnectAttempt


def state_hash(state: str) -> str:
    """Only the hash is stored: reading the table does not let anyone finish someone else's connect."""
    return hashlib.sha256(state.encode()).hexdigest()


class ConnectAttemptRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, attempt: ConnectAttempt, *, state: str, verifier_ciphertext: str) -> None:
        self._session.add(
            ConnectAttemptRow(
                id=attempt.id,
                tenant_id=attempt.tenant_id,
                state_hash=state_hash(state),
                brand_id=attempt.brand_id,
                network=attempt.network.value,
                verifier_ciphertext=verifier_ciphertext,
                started_by=attempt.started_by,
                channel_id=attempt.channel_id,
                created_at=attempt.created_at,
                expires_at=attempt.expires_at,
            )
        )

    async def by_state(self, state: str) -> tuple[ConnectAttempt, str] | None:
        """The attempt and its encrypted verifier, locked so a state is used once even by concurrent callbacks."""
        statement = select(ConnectAttemptRow).where(ConnectAttemptRow.state_hash == state_hash(state)).with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        if row is None:
            return None
        attempt = ConnectAttempt(
            id=row.id,
            tenant_id=row.tenant_id,
            brand_id=row.brand_id,
            network=Network(row.network),
            started_by=row.started_by,
            created_at=row.created_at,
            expires_at=row.expires_at,
            channel_id=row.channel_id,
            used_at=row.used_at,
        )
        return attempt, row.verifier_ciphertext

    async def mark_used(self, attempt: ConnectAttempt) -> None:
        row = await self._session.get(ConnectAttemptRow, attempt.id)
        if row is None:
            raise LookupError(attempt.id)
        row.used_at = attempt.used_at
        # The verifier has served its purpose: nothing secret outlives the attempt.
        row.verifier_ciphertext = ""
        await self._session.flush()
