"""Gateway test fixtures, defined in chorus_gateway.testing beside the helpers the tests import."""

from chorus_gateway.testing import client, gateway_database, gql, new_agency

__all__ = ["client", "gateway_database", "gql", "new_agency"]
