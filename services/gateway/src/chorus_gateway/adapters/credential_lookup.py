"""Authentication before the tenant is known, without handing the runtime role a way around RLS.

Login starts from an email and an API key from its prefix: neither says which agency it belongs to. Three
SECURITY DEFINER functions, owned by the migration role, answer exactly those questions and nothing more
(one row: ids, tenant and the hash to check). They can see across tenants because the migration role alone
has a read-only policy on those tables; the runtime role has none, so outside these functions RLS holds.
After a lookup the caller sets `app.tenant_id` and continues under RLS.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_LOOKUP_TABLES = ("agencies", "users", "api_keys")
LOOKUP_POLICY = "credential_lookup_by_owner"

# `TO CURRENT_USER`: the migration role running this migration, i.e. the owner of the functions below.
LOOKUP_POLICIES_SQL = tuple(
    f'CREATE POLICY {LOOKUP_POLICY} ON "{table}" FOR SELECT TO CURRENT_USER USING (true)' for table in _LOOKUP_TABLES
)

_DEFINER = "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public"
LOOKUP_FUNCTIONS_SQL = (
    f"""CREATE FUNCTION gateway_login_candidate(p_email text)
        RETURNS TABLE (user_id uuid, tenant_id uuid, password_hash text) {_DEFINER}
        AS $$ SELECT u.id, u.tenant_id, u.password_hash FROM public.users u WHERE u.email = lower(p_email) $$""",
    f"""CREATE FUNCTION gateway_api_key_candidate(p_prefix text)
        RETURNS TABLE (api_key_id uuid, tenant_id uuid, secret_hash text, revoked boolean) {_DEFINER}
        AS $$ SELECT k.id, k.tenant_id, k.secret_hash, k.revoked_at IS NOT NULL
              FROM public.api_keys k WHERE k.prefix = p_prefix $$""",
    f"""CREATE FUNCTION gateway_any_agency_exists() RETURNS boolean {_DEFINER}
        AS $$ SELECT EXISTS (SELECT 1 FROM public.agencies) $$""",
)


def drop_lookups_sql() -> list[str]:
    functions = ["gateway_login_candidate(text)", "gateway_api_key_candidate(text)", "gateway_any_agency_exists()"]
    return [f"DROP FUNCTION IF EXISTS {name}" for name in functions] + [
        f'DROP POLICY IF EXISTS {LOOKUP_POLICY} ON "{table}"' for table in _LOOKUP_TABLES
    ]


@dataclass(frozen=True)
class LoginCandidate:
    user_id: uuid.UUID
    tenant_id: uuid.UUID
    password_hash: str


@dataclass(frozen=True)
class ApiKeyCandidate:
    api_key_id: uuid.UUID
    tenant_id: uuid.UUID
    secret_hash: str
    revoked: bool


async def find_login_candidate(session: AsyncSession, email: str) -> LoginCandidate | None:
    row = (await session.execute(text("SELECT * FROM gateway_login_candidate(:email)"), {"email": email})).one_or_none()
    return None if row is None else LoginCandidate(row.user_id, row.tenant_id, row.password_hash)


async def find_api_key_candidate(session: AsyncSession, prefix: str) -> ApiKeyCandidate | None:
    row = (
        await session.execute(text("SELECT * FROM gateway_api_key_candidate(:prefix)"), {"prefix": prefix})
    ).one_or_none()
    return None if row is None else ApiKeyCandidate(row.api_key_id, row.tenant_id, row.secret_hash, row.revoked)


async def any_agency_exists(session: AsyncSession) -> bool:
    return bool((await session.execute(text("SELECT gateway_any_agency_exists()"))).scalar_one())
