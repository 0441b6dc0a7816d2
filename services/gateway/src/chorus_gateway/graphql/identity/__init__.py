"""GraphQL for identity: the viewer, the agency, members, API keys, login and bootstrap."""
