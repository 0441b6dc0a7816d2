"""The public GraphQL API: schema composed from per-area modules, protections, per-request context, HTTP router."""
