"""HTTP mechanism every service shares: app factory, error rendering, health, metrics, request context."""
