"""Row-level security for tenant tables, applied from Alembic migrations.

Every tenant table gets ENABLE + FORCE (so even the owner obeys it) and one policy comparing `tenant_id` with
the transaction's `app.tenant_id`. With no tenant set, `current_setting(..., true)` is NULL and no row matches.
"""

from __future__ import annotations

from alembic import op

from chorus_shared.db.tenancy import TENANT_SETTING

POLICY = "tenant_isolation"


def tenant_predicate(column: str = "tenant_id") -> str:
    return f"{column} = NULLIF(current_setting('{TENANT_SETTING}', true), '')::uuid"


def enable_tenant_rls(table: str, *, column: str = "tenant_id") -> None:
    """Call in a migration right after creating a tenant table."""
    for statement in tenant_rls_statements(table, column=column):
        op.execute(statement)


def tenant_rls_statements(table: str, *, column: str = "tenant_id") -> list[str]:
    predicate = tenant_predicate(column)
    return [
        f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY',
        f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY',
        f'CREATE POLICY {POLICY} ON "{table}" USING ({predicate}) WITH CHECK ({predicate})',
    ]


def disable_tenant_rls(table: str) -> None:
    op.execute(f'DROP POLICY IF EXISTS {POLICY} ON "{table}"')
    op.execute(f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY')
    op.execute(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY')
