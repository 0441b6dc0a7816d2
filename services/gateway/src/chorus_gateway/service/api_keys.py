"""Creating and revoking API keys. The plaintext key is returned once, at creation, and never again."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from chorus_gateway.adapters.api_key_repository import ApiKeyRepository
from chorus_gateway.adapters.audit_log import AuditAction, AuditLog, actor_of
from chorus_gateway.adapters.orm import ApiKey
from chorus_gateway.domain.api_keys import issue_api_key
from chorus_gateway.domain.validation import brand_scope_or_errors, name_errors, role_or_errors
from chorus_gateway.service.grants import require_can_grant
from chorus_shared.auth.principal import Principal
from chorus_shared.auth.roles import Permission, require_permission
from chorus_shared.errors import FieldError, NotFound, ValidationFailed


@dataclass(frozen=True)
class ApiKeyCreated:
    api_key: ApiKey
    plaintext: str


async def create_api_key(
    session: AsyncSession, principal: Principal, *, name: str, role: str | None, brand_ids: Sequence[str] | None
) -> ApiKeyCreated:
    """`role` defaults to the creator's own; `brand_ids` None to the creator's brand scope."""
    require_permission(principal, Permission.MANAGE_API_KEYS)
    default_role = principal.highest_role
    parsed_role, errors = role_or_errors("role", role) if role is not None else (default_role, [])
    if brand_ids is None and principal.brand_ids is not None:
        brand_ids = [str(brand) for brand in principal.brand_ids]
    brands, brand_errors = brand_scope_or_errors("brandIds", brand_ids)
    errors = name_errors("name", name) + errors + brand_errors
    if errors or parsed_role is None:
        raise ValidationFailed("The API key cannot be created.", field_errors=errors)
    require_can_grant(principal, parsed_role, brands)
    issued = issue_api_key()
    key = ApiKey(
        id=uuid.uuid4(),
        tenant_id=principal.tenant_id,
        name=name.strip(),
        prefix=issued.prefix,
        secret_hash=issued.secret_hash,
        role=parsed_role.value,
        brand_ids=brands,
        created_by=actor_of(principal),
    )
    ApiKeyRepository(session).add(key)
    details = {"role": parsed_role.value, "prefix": issued.prefix}
    _audit(session, principal, AuditAction.API_KEY_CREATED, key, details)
    await session.flush()
    return ApiKeyCreated(api_key=key, plaintext=issued.plaintext)


async def revoke_api_key(session: AsyncSession, principal: Principal, *, key_id: str) -> ApiKey:
    require_permission(principal, Permission.MANAGE_API_KEYS)
    try:
        parsed = uuid.UUID(key_id)
    except ValueError as exc:
        bad = FieldError("id", "Not an API key id.", "invalid_id")
        raise ValidationFailed("The API key cannot be revoked.", field_errors=[bad]) from exc
    key = await ApiKeyRepository(session).get(parsed)
    if key is None:
        raise NotFound("No such API key in this agency.")
    if key.revoked_at is None:
        key.revoked_at = datetime.now(UTC)
        _audit(session, principal, AuditAction.API_KEY_REVOKED, key, {"prefix": key.prefix})
        await session.flush()
    return key


def _audit(
    session: AsyncSession, principal: Principal, action: AuditAction, key: ApiKey, details: dict[str, str]
) -> None:
    AuditLog(session).record(
        tenant_id=principal.tenant_id, actor=actor_of(principal), action=action, target=str(key.id), details=details
    )
