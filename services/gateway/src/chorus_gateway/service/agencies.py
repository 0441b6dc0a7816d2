"""Creating an agency with its owner and a first API key: the bootstrap of a new installation, or an operator's act."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_gateway.adapters.audit_log import AuditAction, AuditLog
from chorus_gateway.adapters.credential_lookup import any_agency_exists, find_login_candidate
from chorus_gateway.adapters.identity_repository import IdentityRepository
from chorus_gateway.adapters.orm import Agency, ApiKey, Membership, User
from chorus_gateway.domain.api_keys import issue_api_key
from chorus_gateway.domain.passwords import hash_password
from chorus_gateway.domain.validation import email_errors, name_errors, normalize_email, password_errors
from chorus_shared.auth.roles import Role
from chorus_shared.db.tenancy import set_tenant
from chorus_shared.errors import FieldError, Forbidden, ValidationFailed

# Two bootstrap requests racing must not both see "no agency yet".
_BOOTSTRAP_LOCK = "SELECT pg_advisory_xact_lock(hashtext('chorus_gateway.create_agency'))"


@dataclass(frozen=True)
class AgencyCreated:
    agency: Agency
    owner: User
    membership: Membership
    api_key: ApiKey
    api_key_plaintext: str


async def create_agency(
    session: AsyncSession, *, name: str, owner_email: str, owner_password: str, bootstrap_only: bool, actor: str
) -> AgencyCreated:
    """`bootstrap_only`: refuse once any agency exists (the unauthenticated GraphQL path)."""
    errors = name_errors("name", name) + email_errors("ownerEmail", owner_email)
    errors += password_errors("ownerPassword", owner_password)
    if errors:
        raise ValidationFailed("The agency cannot be created.", field_errors=errors)
    await session.execute(text(_BOOTSTRAP_LOCK))
    if bootstrap_only and await any_agency_exists(session):
        raise Forbidden("An agency already exists: ask one of its owners or admins to invite you.")
    email = normalize_email(owner_email)
    if await find_login_candidate(session, email) is not None:
        taken = FieldError("ownerEmail", "This email is already registered.", "email_taken")
        raise ValidationFailed("The agency cannot be created.", field_errors=[taken])
    return await _insert_agency(session, name=name.strip(), email=email, password=owner_password, actor=actor)


async def _insert_agency(session: AsyncSession, *, name: str, email: str, password: str, actor: str) -> AgencyCreated:
    agency_id = uuid.uuid4()
    await set_tenant(session, agency_id)
    password_hash = await asyncio.to_thread(hash_password, password)
    agency = Agency(id=agency_id, name=name)
    owner = User(id=uuid.uuid4(), tenant_id=agency_id, email=email, password_hash=password_hash)
    membership = Membership(id=uuid.uuid4(), tenant_id=agency_id, user_id=owner.id, role=Role.OWNER.value)
    issued = issue_api_key()
    key = ApiKey(
        id=uuid.uuid4(),
        tenant_id=agency_id,
        name="Owner key",
        prefix=issued.prefix,
        secret_hash=issued.secret_hash,
        role=Role.OWNER.value,
        membership_id=membership.id,
        created_by=actor,
    )
    repository = IdentityRepository(session)
    repository.add(agency)
    await repository.flush()
    repository.add(owner)
    await repository.flush()
    repository.add(membership)
    await repository.flush()
    session.add(key)
    audit = AuditLog(session)
    audit.record(tenant_id=agency_id, actor=actor, action=AuditAction.AGENCY_CREATED, target=str(agency_id))
    audit.record(tenant_id=agency_id, actor=actor, action=AuditAction.API_KEY_CREATED, target=str(key.id))
    await session.flush()
    return AgencyCreated(agency, owner, membership, key, issued.plaintext)
