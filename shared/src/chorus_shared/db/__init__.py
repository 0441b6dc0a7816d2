"""Database mechanism: declarative base, engines, unit of work, tenancy, RLS migrations, the embedded cluster."""
