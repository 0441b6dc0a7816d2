"""Planning adapters: ORM tables and repositories (all SQL lives here)."""
