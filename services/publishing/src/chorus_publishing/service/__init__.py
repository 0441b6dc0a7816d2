"""Publishing use cases and event handlers. They never commit."""
