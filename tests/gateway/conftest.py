"""Gateway test fixtures (helpers live in gateway_support.py so test modules can import them by a unique name)."""

from gateway_support import client, gateway_database, gql, new_agency

__all__ = ["client", "gateway_database", "gql", "new_agency"]
