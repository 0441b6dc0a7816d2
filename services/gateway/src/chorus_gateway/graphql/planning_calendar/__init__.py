"""GraphQL of planning's editorial calendar and community-manager roadmap, served by planning's REST API."""
