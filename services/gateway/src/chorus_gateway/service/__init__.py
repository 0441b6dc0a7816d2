"""Identity use cases: bootstrap, login, authentication, members, API keys. They never commit."""
