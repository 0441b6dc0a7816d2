"""Adding members to an agency and changing their role or brand scope (owners and admins only)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from chorus_gateway.adapters.audit_log import AuditAction, AuditLog, actor_of
from chorus_gateway.adapters.credential_lookup import find_login_candidate
from chorus_gateway.adapters.identity_repository import IdentityRepository
from chorus_gateway.adapters.orm import Membership, User
from chorus_gateway.domain.passwords import hash_password
from chorus_gateway.domain.validation import (
    brand_scope_or_errors,
    email_errors,
    normalize_email,
    password_errors,
    role_or_errors,
)
from chorus_gateway.service.grants import require_can_grant, require_outranks_or_equals
from chorus_shared.auth.principal import Principal
from chorus_shared.auth.roles import Permission, Role, require_permission
from chorus_shared.errors import Conflict, FieldError, NotFound, ValidationFailed


async def add_member(
    session: AsyncSession,
    principal: Principal,
    *,
    email: str,
    password: str,
    role: str,
    brand_ids: Sequence[str] | None,
    display_name: str | None = None,
) -> tuple[Membership, User]:
    require_permission(principal, Permission.MANAGE_MEMBERS)
    parsed_role, role_errors = role_or_errors("role", role)
    brands, brand_errors = brand_scope_or_errors("brandIds", brand_ids)
    errors = email_errors("email", email) + password_errors("password", password) + role_errors + brand_errors
    if errors or parsed_role is None:
        raise ValidationFailed("The member cannot be added.", field_errors=errors)
    require_can_grant(principal, parsed_role, brands)
    if await find_login_candidate(session, normalize_email(email)) is not None:
        taken = FieldError("email", "This email is already registered.", "email_taken")
        raise ValidationFailed("The member cannot be added.", field_errors=[taken])
    password_hash = await asyncio.to_thread(hash_password, password)
    user = User(
        id=uuid.uuid4(),
        tenant_id=principal.tenant_id,
        email=normalize_email(email),
        display_name=display_name,
        password_hash=password_hash,
    )
    membership = Membership(
        id=uuid.uuid4(), tenant_id=principal.tenant_id, user_id=user.id, role=parsed_role.value, brand_ids=brands
    )
    session.add(user)
    await session.flush()
    session.add(membership)
    details = {"role": parsed_role.value, "brand_ids": _brand_strings(brands)}
    AuditLog(session).record(
        tenant_id=principal.tenant_id,
        actor=actor_of(principal),
        action=AuditAction.MEMBER_ADDED,
        target=str(membership.id),
        details=details,
    )
    await session.flush()
    return membership, user


async def change_member_role(
    session: AsyncSession, principal: Principal, *, member_id: str, role: str, brand_ids: Sequence[str] | None
) -> Membership:
    require_permission(principal, Permission.MANAGE_MEMBERS)
    parsed_role, errors = role_or_errors("role", role)
    brands, brand_errors = brand_scope_or_errors("brandIds", brand_ids)
    membership_id = _uuid_or_none(member_id)
    if membership_id is None:
        errors.append(FieldError("memberId", "Not a member id.", "invalid_id"))
    if errors or brand_errors or parsed_role is None or membership_id is None:
        raise ValidationFailed("The role cannot be changed.", field_errors=errors + brand_errors)
    membership = await IdentityRepository(session).membership(membership_id)
    if membership is None:
        raise NotFound("No such member in this agency.")
    require_outranks_or_equals(principal, Role(membership.role))
    require_can_grant(principal, parsed_role, brands)
    if membership.role == Role.OWNER and parsed_role != Role.OWNER:
        await _require_another_owner(session)
    details = {"from": membership.role, "to": parsed_role.value, "brand_ids": _brand_strings(brands)}
    membership.role, membership.brand_ids = parsed_role.value, brands
    AuditLog(session).record(
        tenant_id=principal.tenant_id,
        actor=actor_of(principal),
        action=AuditAction.MEMBER_ROLE_CHANGED,
        target=str(membership.id),
        details=details,
    )
    await session.flush()
    return membership


async def _require_another_owner(session: AsyncSession) -> None:
    owners = await session.scalar(select(func.count()).where(Membership.role == Role.OWNER.value))
    if (owners or 0) <= 1:
        raise Conflict("An agency keeps at least one owner: make someone else owner first.")


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _brand_strings(brands: list[uuid.UUID] | None) -> list[str] | None:
    return None if brands is None else [str(brand) for brand in brands]
