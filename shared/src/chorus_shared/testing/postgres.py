"""PostgreSQL test fixtures (filled in by the database work)."""
