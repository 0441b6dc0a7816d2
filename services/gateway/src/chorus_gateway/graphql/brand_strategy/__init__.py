"""GraphQL of a brand's strategy: voice (guidelines, policies), market research, channel plans, partnerships."""
