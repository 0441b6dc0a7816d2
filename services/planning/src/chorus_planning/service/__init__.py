"""Planning use cases. They run inside a unit of work the caller owns, and never commit."""
