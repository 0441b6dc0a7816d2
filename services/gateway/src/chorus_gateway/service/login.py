"""Login by email and password: a user JWT on success, an audit row either way once the agency is known."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from chorus_gateway.adapters.audit_log import AuditAction, AuditLog
from chorus_gateway.adapters.credential_lookup import find_login_candidate
from chorus_gateway.adapters.identity_repository import IdentityRepository
from chorus_gateway.domain.passwords import verify_password
from chorus_gateway.domain.user_tokens import UserClaims, UserToken, issue_user_token
from chorus_gateway.domain.validation import normalize_email
from chorus_shared.db.tenancy import set_tenant

logger = logging.getLogger(__name__)


async def login(
    session: AsyncSession, *, email: str, password: str, token_secret: str, lifetime: timedelta
) -> UserToken | None:
    """None means wrong email or password; the caller must not say which."""
    candidate = await find_login_candidate(session, normalize_email(email))
    stored_hash = candidate.password_hash if candidate is not None else None
    password_ok = await asyncio.to_thread(verify_password, stored_hash, password)
    if candidate is None:
        # No agency to write an audit row for: the JSON log keeps the trace.
        logger.warning("login failed: unknown email", extra={"reason": "unknown_email"})
        return None
    await set_tenant(session, candidate.tenant_id)
    membership = await IdentityRepository(session).membership_of_user(candidate.user_id)
    audit = AuditLog(session)
    actor = f"user:{candidate.user_id}"
    if not password_ok or membership is None:
        reason = "wrong_password" if not password_ok else "no_membership"
        audit.record(
            tenant_id=candidate.tenant_id, actor=actor, action=AuditAction.LOGIN_FAILED, details={"reason": reason}
        )
        return None
    audit.record(tenant_id=candidate.tenant_id, actor=actor, action=AuditAction.LOGIN_SUCCEEDED)
    claims = UserClaims(user_id=candidate.user_id, tenant_id=candidate.tenant_id, membership_id=membership.id)
    return issue_user_token(claims, secret=token_secret, lifetime=lifetime)
